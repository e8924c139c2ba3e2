using System.Text.Json.Nodes;

namespace AutoMode.Operator.Tests.Config;

/// <summary>Runs the shipped Lua health checks in a real Lua 5.4 interpreter (Argo CD embeds gopher-lua, Lua 5.1 syntax).</summary>
public sealed class ArgoCdHealthCheckTests
{
    private static readonly string WorkloadClassCheck = RepoPaths.Get("config", "argocd", "health-workloadclass.lua");
    private static readonly string NodeClassCheck = RepoPaths.Get("config", "argocd", "health-nodeclass.lua");

    [ToolFact("lua5.4")]
    public async Task WorkloadClass_NoStatus_IsProgressing() =>
        Assert.Equal("Progressing", (await EvaluateAsync(WorkloadClassCheck, WorkloadClass(generation: 1, status: null))).Status);

    [ToolFact("lua5.4")]
    public async Task WorkloadClass_ReadyForCurrentGeneration_IsHealthy() =>
        Assert.Equal("Healthy", (await EvaluateAsync(WorkloadClassCheck, WorkloadClass(2, Status(2, ("Ready", "True", "Ready"))))).Status);

    [ToolFact("lua5.4")]
    public async Task WorkloadClass_ReadyButStaleGeneration_IsProgressing() =>
        Assert.Equal("Progressing", (await EvaluateAsync(WorkloadClassCheck, WorkloadClass(3, Status(2, ("Ready", "True", "Ready"))))).Status);

    [ToolFact("lua5.4")]
    public async Task WorkloadClass_ReadyUnknownWhileProgressing_IsProgressingNotDegraded() =>
        Assert.Equal("Progressing", (await EvaluateAsync(WorkloadClassCheck, WorkloadClass(1, Status(1, ("Ready", "Unknown", "Progressing"), ("Reconciling", "True", "Progressing"))))).Status);

    [ToolFact("lua5.4")]
    public async Task WorkloadClass_Stalled_IsDegradedWithMessage()
    {
        var health = await EvaluateAsync(WorkloadClassCheck, WorkloadClass(1, Status(1, ("Ready", "False", "InvalidSpec"), ("Stalled", "True", "InvalidSpec"))));

        Assert.Equal("Degraded", health.Status);
        Assert.Equal("message of Stalled", health.Message);
    }

    [ToolFact("lua5.4")]
    public async Task WorkloadClass_StalledWithStaleGeneration_IsStillDegraded() =>
        Assert.Equal("Degraded", (await EvaluateAsync(WorkloadClassCheck, WorkloadClass(5, Status(4, ("Stalled", "True", "Conflict"))))).Status);

    [ToolFact("lua5.4")]
    public async Task WorkloadClass_ReadyAndOffHours_IsSuspended() =>
        Assert.Equal("Suspended", (await EvaluateAsync(WorkloadClassCheck, WorkloadClass(1, Status(1, ("Ready", "True", "Ready"), ("OffHours", "True", "Scheduled"))))).Status);

    [ToolFact("lua5.4")]
    public async Task WorkloadClass_ReadyAndOffHoursFalse_IsHealthy() =>
        Assert.Equal("Healthy", (await EvaluateAsync(WorkloadClassCheck, WorkloadClass(1, Status(1, ("Ready", "True", "Ready"), ("OffHours", "False", "OutsideWindow"))))).Status);

    [ToolFact("lua5.4")]
    public async Task NodeClass_ReadyTrueFalseMissing_MapToHealthyDegradedProgressing()
    {
        Assert.Equal("Healthy", (await EvaluateAsync(NodeClassCheck, NodeClass(("Ready", "True", "Ready")))).Status);
        Assert.Equal("Degraded", (await EvaluateAsync(NodeClassCheck, NodeClass(("Ready", "False", "NodeClassNotReady")))).Status);
        Assert.Equal("Progressing", (await EvaluateAsync(NodeClassCheck, NodeClass())).Status);
    }

    [Fact]
    public void ArgoCdConfigMapSnippet_EmbedsTheShippedScriptsVerbatim()
    {
        var configMap = File.ReadAllText(RepoPaths.Get("config", "argocd", "argocd-cm-health.yaml"));

        foreach (var script in new[] { WorkloadClassCheck, NodeClassCheck })
        {
            var indented = string.Join("\n", File.ReadAllLines(script).Select(line => line.Length == 0 ? "" : "    " + line));
            Assert.Contains(indented, configMap, StringComparison.Ordinal);
        }
    }

    private static JsonObject WorkloadClass(long generation, JsonObject? status)
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = "automode.io/v1alpha1",
            ["kind"] = "WorkloadClass",
            ["metadata"] = new JsonObject { ["name"] = "web", ["generation"] = generation },
        };
        if (status is not null)
        {
            obj["status"] = status;
        }

        return obj;
    }

    private static JsonObject NodeClass(params (string Type, string Status, string Reason)[] conditions) => new()
    {
        ["apiVersion"] = "eks.amazonaws.com/v1",
        ["kind"] = "NodeClass",
        ["metadata"] = new JsonObject { ["name"] = "web" },
        ["status"] = new JsonObject { ["conditions"] = Conditions(conditions) },
    };

    private static JsonObject Status(long observedGeneration, params (string Type, string Status, string Reason)[] conditions) => new()
    {
        ["observedGeneration"] = observedGeneration,
        ["conditions"] = Conditions(conditions),
    };

    private static JsonArray Conditions((string Type, string Status, string Reason)[] conditions) =>
        [.. conditions.Select(c => (JsonNode)new JsonObject
        {
            ["type"] = c.Type,
            ["status"] = c.Status,
            ["reason"] = c.Reason,
            ["message"] = "message of " + c.Type,
        })];

    private static async Task<(string Status, string Message)> EvaluateAsync(string script, JsonObject obj)
    {
        // Argo CD sets a global `obj` and reads the table the script returns.
        var program = $"obj = {LuaTable.From(obj)}\nlocal hs = dofile([[{script}]])\nio.write(hs.status, '\\n', hs.message or '')";
        var (exitCode, stdout, stderr) = await ExternalTool.RunAsync("lua5.4", "-e", program);
        Assert.True(exitCode == 0, stderr);
        var lines = stdout.Split('\n', 2);
        return (lines[0], lines.Length > 1 ? lines[1] : "");
    }
}
