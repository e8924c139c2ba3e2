using System.Net;
using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Serialization;
using AutoMode.Operator.Tests.OffHours;
using AutoMode.Testing.Builders;
using AutoMode.Testing.Schemas;
using k8s;
using k8s.Autorest;
using static AutoMode.Operator.Tests.OffHours.OffHoursWorld;

namespace AutoMode.Operator.Tests.Controllers;

/// <summary>
/// Issue 18 end to end on the fake API server: a static class's off-hours is replicas 0 and back to exactly
/// staticNodes with no NodeClaim deleted by the operator; the static/dynamic switch on a live class is refused by
/// the CRD, and, past a CRD without the rule, by the operator, which keeps the running NodePool; a reserved class
/// renders the documented capacity reservation terms.
/// </summary>
public sealed class ComputeSurfaceControllerTests
{
    private const string NodeClasses = "nodeclasses";

    private static V1Alpha1WorkloadClass Fleet(string name = "fleet", long nodes = 4) => Nightly(name, spec: s =>
    {
        s.StaticNodes = nodes;
        s.Limits = new Dictionary<string, string> { ["nodes"] = "6" };
        s.OffHours!.Drain = null;
    });

    private static long? Replicas(OperatorHarness h, string name) => (long?)h.Get(NodePools, name)?["spec"]?["replicas"];

    private static long? DesiredNodes(OperatorHarness h, string name) => (long?)h.Get(Classes, name)?["status"]?["desiredNodes"];

    [Fact]
    public async Task StaticClass_OffHours_ScalesReplicasToZeroAndBackExactly_WithoutDeletingNodeClaims()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Fleet());
        h.PutClaim("a", "fleet");
        h.PutClaim("b", "fleet");
        await h.SettleAsync("fleet");
        Assert.Equal(4, Replicas(h, "fleet"));
        Assert.Equal(4, DesiredNodes(h, "fleet"));

        h.Time.Advance(Opens - h.Time.GetUtcNow());
        await h.WaitForAsync(() => Replicas(h, "fleet") == 0 && DesiredNodes(h, "fleet") == 0);
        await h.SettleAsync("fleet");

        // Auto Mode drains a scale-down itself; the operator neither zeroes limits (refused on a static pool) nor deletes claims.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"nodes": "6"}"""), h.Limits("fleet")), h.Limits("fleet")?.ToJsonString());
        Assert.Equal(0, h.DeleteRequests("a") + h.DeleteRequests("b"));
        Assert.True((bool)h.OffHoursStatus("fleet")!["active"]!);

        h.Time.Advance(Closes - h.Time.GetUtcNow());
        await h.WaitForAsync(() => Replicas(h, "fleet") == 4 && DesiredNodes(h, "fleet") == 4);
        await h.SettleAsync("fleet");
        Assert.False((bool)h.OffHoursStatus("fleet")!["active"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"nodes": "6"}"""), h.Limits("fleet")));
        Assert.Equal("True", OperatorHarness.Condition(h.Get(Classes, "fleet"), "Ready"));
        Assert.Empty(h.Reconciles.Errors);
    }

    [Fact]
    public async Task StaticToDynamic_OnALiveClass_IsRefusedByTheCrd()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Fleet());
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = h.Server.BaseAddress.ToString() });
        var stored = h.Get(Classes, "fleet")!;
        var dynamic = (JsonObject)stored.DeepClone();
        dynamic["spec"]!.AsObject().Remove("staticNodes");
        dynamic.Remove("status");

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.ReplaceClusterCustomObjectAsync(
            dynamic, WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural, "fleet"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Response.StatusCode);
        var status = JsonNode.Parse(refused.Response.Content)!;
        var cause = Assert.Single(status["details"]!["causes"]!.AsArray());
        Assert.Equal("spec.staticNodes", (string?)cause!["field"]);
        Assert.Equal(4, Replicas(h, "fleet"));
    }

    [Fact]
    public async Task StaticToDynamic_PastACrdWithoutTheRule_KeepsTheStaticPoolAndSaysHowToMove()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Fleet());
        var poolVersion = h.Get(NodePools, "fleet")!["metadata"]!["resourceVersion"]!.GetValue<string>();

        // A cluster whose WorkloadClass CRD predates the transition rule: the edit is stored, the operator must hold.
        h.Server.State.Cel.Remove(WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural);
        h.Apply(Nightly("fleet", spec: s => (s.Limits, s.OffHours!.Drain) = (null, null)));

        await h.WaitForConditionAsync("fleet", "Stalled", "True");
        var workloadClass = h.Get(Classes, "fleet");
        Assert.Equal("ApplyRejected", OperatorHarness.Condition(workloadClass, "Stalled", "reason"));
        Assert.StartsWith("spec.staticNodes: NodePool fleet runs static", OperatorHarness.Condition(workloadClass, "Stalled", "message"), StringComparison.Ordinal);
        Assert.Equal(poolVersion, h.Get(NodePools, "fleet")!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(4, Replicas(h, "fleet"));
    }

    [Fact]
    public async Task ReservedClass_RendersTheDocumentedReservationTerms()
    {
        await using var h = await StartAsync();
        var path = RepositoryPaths.Combine("config", "samples", "gpu-capacity-block.yaml");
        var sample = Assert.Single(WorkloadClassDocuments.Parse(File.ReadAllText(path), path)).WorkloadClass!;

        await h.ApplyAndSettleAsync(sample);

        // https://docs.aws.amazon.com/eks/latest/userguide/auto-odcr.html: "capacityReservationSelectorTerms: - id: cr-56fac701cc1951b03".
        var nodeClass = h.Get(NodeClasses, "gpu-capacity-block")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"id": "cr-56fac701cc1951b03"}]"""), nodeClass["spec"]!["capacityReservationSelectorTerms"]));
        var requirements = h.Get(NodePools, "gpu-capacity-block")!["spec"]!["template"]!["spec"]!["requirements"]!.AsArray();
        var capacity = requirements.Single(r => (string?)r!["key"] == "karpenter.sh/capacity-type")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["reserved"]"""), capacity["values"]));
        Assert.Null(h.Get(Classes, "gpu-capacity-block")!["status"]!["desiredNodes"]);
    }

    [Fact]
    public async Task InstanceProfileClass_RendersTheProfile_AndHasNoAccessEntryCondition()
    {
        await using var h = await StartAsync();

        await h.ApplyAndSettleAsync(WorkloadClasses.Valid("profiled", s => (s.NodeRole, s.InstanceProfile) = (null, "eks-MyNodeInstanceProfile")));

        var spec = h.Get(NodeClasses, "profiled")!["spec"]!.AsObject();
        Assert.Equal("eks-MyNodeInstanceProfile", (string?)spec["instanceProfile"]);
        Assert.False(spec.ContainsKey("role"));
        Assert.Null(OperatorHarness.Condition(h.Get(Classes, "profiled"), "NodeRoleAccessEntryReady"));
    }
}
