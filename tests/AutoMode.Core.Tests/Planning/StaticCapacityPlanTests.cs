using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using static AutoMode.Core.Tests.Planning.ClassPlannerTests;

namespace AutoMode.Core.Tests.Planning;

/// <summary>
/// Static capacity through the pure plan: off-hours is replicas 0 and back to exactly staticNodes, limits untouched;
/// a running child whose mode or identity cannot change in place is kept, with a rejection that says the way out.
/// </summary>
public sealed class StaticCapacityPlanTests
{
    private static readonly OffHoursSpec Nightly = new()
    {
        TimeZone = "UTC",
        Windows = [new OffHoursWindowSpec { Start = "0 20 * * *", End = "0 7 * * *" }],
    };

    private static V1Alpha1WorkloadClass Static(long nodes = 12) => Class(s =>
    {
        (s.StaticNodes, s.Limits, s.OffHours) = (nodes, new Dictionary<string, string> { ["nodes"] = "15" }, Nightly);
        s.Weight = null;
    });

    // reason, now, replicas
    public static TheoryData<string, string, long> OffHoursCases => new()
    {
        { "daytime: exactly staticNodes", "2026-01-05T12:00:00Z", 12 },
        { "inside the window: zero", "2026-01-05T22:00:00Z", 0 },
        { "the morning after: exactly staticNodes again", "2026-01-06T07:00:00Z", 12 },
    };

    [Theory]
    [MemberData(nameof(OffHoursCases))]
    public void OffHours_DecidesTheReplicas_AndNeverTheLimits(string reason, string now, long replicas)
    {
        var plan = DesiredPlanner.Plan(Static(), At("2025-01-01T00:00:00Z"), At(now));

        var spec = plan.Desired.NodePool.Spec;
        Assert.True(replicas == spec.Replicas, $"{reason}: replicas {spec.Replicas}");
        Assert.Equal(new Dictionary<string, string> { ["nodes"] = "15" }, spec.Limits);
    }

    [Fact]
    public void Report_ShowsDesiredNodesForStaticClassesOnly()
    {
        var staticClass = Static(7);
        var staticPlan = ClassPlanner.Plan(Seen(staticClass) with { Now = At("2026-01-05T12:00:00Z") });
        var dynamicPlan = ClassPlanner.Plan(Seen());

        var staticReport = ClassReporter.Report(staticPlan, Seen(staticClass) with { Now = At("2026-01-05T12:00:00Z") }, new ActOutcome(null, null, [], null, false, false));
        var dynamicReport = ClassReporter.Report(dynamicPlan, Seen(), new ActOutcome(null, null, [], null, false, false));

        Assert.Equal(7, staticReport.Status.DesiredNodes);
        Assert.Null(dynamicReport.Status.DesiredNodes);
    }

    [Fact]
    public void RunningStaticPool_ClassNowDynamic_PoolKept_AndTheRejectionSaysHowToMove()
    {
        var running = new V1NodePool { Metadata = new() { Name = "web" }, Spec = new V1NodePoolSpec { Replicas = 3 } };

        var plan = ClassPlanner.Plan(Seen(nodePool: SeenChild.Ours(running)));

        Assert.False(plan.ApplyNodePool);
        Assert.True(plan.ApplyNodeClass);
        var rejection = Assert.Single(plan.Rejections);
        Assert.StartsWith("spec.staticNodes: NodePool web runs static, and a NodePool cannot switch between static and dynamic", rejection, StringComparison.Ordinal);
        Assert.Contains("create a second WorkloadClass that is dynamic, move the workloads, then delete this one", rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void RunningDynamicPool_ClassNowStatic_PoolKept()
    {
        var plan = ClassPlanner.Plan(Seen(Static(), nodePool: SeenChild.Ours(NodePool())));

        Assert.False(plan.ApplyNodePool);
        Assert.StartsWith("spec.staticNodes: NodePool web runs dynamic", Assert.Single(plan.Rejections), StringComparison.Ordinal);
    }

    [Fact]
    public void RunningStaticPool_ScaledInTheSpec_IsApplied()
    {
        var running = new V1NodePool { Metadata = new() { Name = "web" }, Spec = new V1NodePoolSpec { Replicas = 3 } };

        var plan = ClassPlanner.Plan(Seen(Static(5), nodePool: SeenChild.Ours(running)));

        Assert.True(plan.ApplyNodePool);
        Assert.Empty(plan.Rejections);
    }

    [Fact]
    public void RunningRole_ClassNowUsesAnInstanceProfile_NodeClassKept()
    {
        var workloadClass = Class(s => (s.NodeRole, s.InstanceProfile) = (null, "eks-MyNodeInstanceProfile"));

        var plan = ClassPlanner.Plan(Seen(workloadClass, nodeClass: SeenChild.Ours(NodeClass())));

        Assert.False(plan.ApplyNodeClass);
        Assert.StartsWith("spec.instanceProfile: NodeClass web runs with role \"AmazonEKSAutoNodeRole\"", Assert.Single(plan.Rejections), StringComparison.Ordinal);
    }

    [Fact]
    public void RunningInstanceProfile_Unchanged_IsApplied()
    {
        var workloadClass = Class(s => (s.NodeRole, s.InstanceProfile) = (null, "eks-MyNodeInstanceProfile"));
        var running = new V1NodeClass { Metadata = new() { Name = "web" }, Spec = new V1NodeClassSpec { InstanceProfile = "eks-MyNodeInstanceProfile" } };

        var plan = ClassPlanner.Plan(Seen(workloadClass, nodeClass: SeenChild.Ours(running)));

        Assert.True(plan.ApplyNodeClass);
        Assert.Empty(plan.Rejections);
    }
}
