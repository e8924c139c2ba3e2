using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Testing.Builders;
using AutoMode.Testing.Kube;
using k8s;
using k8s.Models;

namespace AutoMode.Operator.Tests.Controllers;

/// <summary>
/// The operator against a fake API server that prunes, defaults and merges server-side applies by the real schemas
/// (our CRD, and the Auto Mode or upstream Karpenter NodePool and Auto Mode NodeClass from ../shared/crds/upstream):
/// a steady state still makes zero writes, and fields another field manager owns are left alone without writes.
/// </summary>
public sealed class ServerSideApplyTests
{
    private const string NodePools = "nodepools";
    private const string NodeClasses = "nodeclasses";
    private const string Other = "platform-team";

    public static TheoryData<NodePoolSchema> Schemas => new() { NodePoolSchema.AutoMode, NodePoolSchema.Karpenter };

    [UpstreamTheory]
    [MemberData(nameof(Schemas))]
    public async Task SteadyState_UnderServerDefaultsAndListSemantics_MakesNoWrites(NodePoolSchema schema)
    {
        await using var h = await OperatorHarness.StartAsync(nodePoolSchema: schema);
        h.Apply(WorkloadClasses.Valid("web", s => s.Taints = [new TaintSpec { Key = "team", Value = "data", Effect = "NoSchedule" }]));
        await h.WaitForConditionAsync("web", "Ready", "True");
        await h.SettleAsync("web");

        // The server defaulted what the class left out (CRD default spec.dedicated=false), and the operator owns its children's fields.
        Assert.False(h.Get(WorkloadClassApi.Plural, "web")!["spec"]!["dedicated"]!.GetValue<bool>());
        Assert.Contains(Managers(h.Get(NodePools, "web")!), m => m == "automode-operator/Apply");
        var before = h.Runtime.Writer.Writes;
        var versions = (Version(h.Get(NodePools, "web")), Version(h.Get(NodeClasses, "web")));

        for (var i = 0; i < 50; i++)
        {
            await h.Runtime.ReconcileClassAsync("web", CancellationToken.None);
        }

        Assert.Equal(before, h.Runtime.Writer.Writes);
        Assert.Equal(versions, (Version(h.Get(NodePools, "web")), Version(h.Get(NodeClasses, "web"))));
    }

    /// <summary>
    /// Another manager adds what the operator does not set (a label and annotation on the NodePool, an annotation on
    /// its node template, a memory limit, a NodeClass tag): the operator leaves them, and writes nothing because of them.
    /// </summary>
    [UpstreamTheory]
    [MemberData(nameof(Schemas))]
    public async Task FieldsOfAnotherManager_AreLeftAlone_WithoutWrites(NodePoolSchema schema)
    {
        await using var h = await OperatorHarness.StartAsync(nodePoolSchema: schema);
        h.Apply(WorkloadClasses.Valid("web", s => s.Limits = new Dictionary<string, string> { ["cpu"] = "100" }));
        await h.WaitForConditionAsync("web", "Ready", "True");
        await h.SettleAsync("web");
        using var client = h.Server.CreateClient();

        // Without force: the server refuses any change to a field the operator owns, so this proves none is touched.
        await ApplyAsync(client, "karpenter.sh", NodePools, """
            {"apiVersion":"karpenter.sh/v1","kind":"NodePool","metadata":{"name":"web","labels":{"team":"data"},"annotations":{"example.com/note":"x"}},
             "spec":{"limits":{"memory":"64Gi"},"template":{"metadata":{"annotations":{"example.com/owner":"data"}}}}}
            """);
        await ApplyAsync(client, "eks.amazonaws.com", NodeClasses, """
            {"apiVersion":"eks.amazonaws.com/v1","kind":"NodeClass","metadata":{"name":"web","labels":{"team":"data"}}}
            """);
        await h.SettleAsync("web");
        var before = h.Runtime.Writer.Writes;

        for (var i = 0; i < 50; i++)
        {
            await h.Runtime.ReconcileClassAsync("web", CancellationToken.None);
        }

        Assert.Equal(before, h.Runtime.Writer.Writes);
        var pool = h.Get(NodePools, "web")!;
        Assert.Equal("data", (string?)pool["metadata"]!["labels"]!["team"]);
        Assert.Equal("x", (string?)pool["metadata"]!["annotations"]!["example.com/note"]);
        Assert.Equal("64Gi", (string?)pool["spec"]!["limits"]!["memory"]);
        Assert.Equal("100", (string?)pool["spec"]!["limits"]!["cpu"]);
        Assert.Equal("data", (string?)pool["spec"]!["template"]!["metadata"]!["annotations"]!["example.com/owner"]);
        Assert.Equal("data", (string?)h.Get(NodeClasses, "web")!["metadata"]!["labels"]!["team"]);
    }

    /// <summary>An edit that only removes something from the class still reaches the NodePool: the operator owned that field.</summary>
    [UpstreamTheory]
    [MemberData(nameof(Schemas))]
    public async Task EditThatOnlyRemovesALimit_RemovesItFromTheNodePool(NodePoolSchema schema)
    {
        await using var h = await OperatorHarness.StartAsync(nodePoolSchema: schema);
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        await h.SettleAsync("web");

        h.Apply(WorkloadClasses.Valid("web", s => s.Limits = new Dictionary<string, string> { ["cpu"] = "100" }));

        await h.WaitForAsync(() => h.Get(NodePools, "web")?["spec"]?["limits"]?["memory"] is null);
        Assert.Equal("100", (string?)h.Get(NodePools, "web")!["spec"]!["limits"]!["cpu"]);
    }

    private static Task<object> ApplyAsync(k8s.Kubernetes client, string group, string plural, string body) =>
        client.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), group, "v1", plural, "web", fieldManager: Other);

    private static string? Version(JsonObject? obj) => (string?)obj?["metadata"]?["resourceVersion"];

    private static List<string> Managers(JsonObject obj) =>
        obj["metadata"]!["managedFields"]!.AsArray().Select(f => $"{f!["manager"]}/{f["operation"]}").ToList();
}
