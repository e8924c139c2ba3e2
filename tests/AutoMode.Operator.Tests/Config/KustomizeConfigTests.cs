using System.Text.Json.Nodes;
using AutoMode.Core.Serialization;

namespace AutoMode.Operator.Tests.Config;

/// <summary>The shipped install (config/default) renders and is hardened; RBAC grants no CRD access.</summary>
public sealed class KustomizeConfigTests
{
    [ToolFact("kubectl")]
    public async Task Default_Renders_WithExpectedKinds()
    {
        var objects = await RenderAsync();

        var kinds = objects.Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "ClusterRole/automode-operator",
            "ClusterRole/automode-operator-protected-pods",
            "ClusterRoleBinding/automode-operator",
            "ClusterRoleBinding/automode-operator-protected-pods",
            "CustomResourceDefinition/workloadclasses.automode.io",
            "Deployment/automode-operator",
            "Namespace/automode-system",
            "PodDisruptionBudget/automode-operator",
            "Role/automode-operator-leader-election",
            "RoleBinding/automode-operator-leader-election",
            "Service/automode-operator-metrics",
            "ServiceAccount/automode-operator",
        ], kinds);
    }

    [ToolFact("kubectl")]
    public async Task Deployment_IsHardened()
    {
        var deployment = (await RenderAsync()).Single(o => (string?)o["kind"] == "Deployment");
        var pod = deployment["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]!.AsArray().Single()!;
        var security = container["securityContext"]!;

        Assert.Equal(2, deployment["spec"]!["replicas"]!.GetValue<long>());
        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal("RuntimeDefault", (string?)pod["securityContext"]!["seccompProfile"]!["type"]);
        Assert.False(security["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.True(security["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.True(security["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(d => (string?)d));
        Assert.Equal("RuntimeDefault", (string?)security["seccompProfile"]!["type"]);
        Assert.Equal("/healthz", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/readyz", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
        Assert.NotNull(container["resources"]!["requests"]!["memory"]);
        Assert.NotNull(container["resources"]!["limits"]!["memory"]);
        var env = container["env"]!.AsArray().Select(e => (string?)e!["name"]).ToList();
        Assert.Contains("POD_NAME", env);
        Assert.Contains("NODE_NAME", env);
    }

    [ToolFact("kubectl")]
    public async Task ClusterRole_HasNoWildcardsAndNoCrdAccess()
    {
        var roles = (await RenderAsync()).Where(o => (string?)o["kind"] is "ClusterRole" or "Role").ToList();
        Assert.NotEmpty(roles);
        foreach (var rule in roles.SelectMany(r => r["rules"]!.AsArray()))
        {
            var groups = rule!["apiGroups"]!.AsArray().Select(g => (string?)g).ToList();
            var resources = rule["resources"]!.AsArray().Select(r => (string?)r).ToList();
            var verbs = rule["verbs"]!.AsArray().Select(v => (string?)v).ToList();
            Assert.DoesNotContain("*", groups);
            Assert.DoesNotContain("*", resources);
            Assert.DoesNotContain("*", verbs);
            Assert.DoesNotContain("apiextensions.k8s.io", groups);
            Assert.DoesNotContain("customresourcedefinitions", resources);
        }
    }

    internal static async Task<IReadOnlyList<JsonObject>> RenderAsync()
    {
        var (exitCode, stdout, stderr) = await ExternalTool.RunAsync("kubectl", "kustomize", "config/default");
        Assert.True(exitCode == 0, stderr);
        return YamlJsonReader.ParseAll(stdout).OfType<JsonObject>().ToList();
    }
}
