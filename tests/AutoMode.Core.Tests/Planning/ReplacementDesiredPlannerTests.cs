using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Scheduling;
using AutoMode.Core.Tests.Validation;
using static AutoMode.Core.Tests.Scheduling.ScheduleTestData;

namespace AutoMode.Core.Tests.Planning;

/// <summary>The game-server sample's replacement windows (Mon-Thu 04:00-06:00 Berlin, weekly) as the planner renders them.</summary>
public sealed class ReplacementDesiredPlannerTests
{
    private static V1Alpha1WorkloadClass GameServer() => Samples.Load(Path.Combine(Samples.ValidDirectory, "game-server.yaml"));

    [Fact]
    public void GameServer_AtTheDueWindow_RendersTheRotationAnnotationAndDriftedBudgetsInUtc()
    {
        // Last rotation Mon 1 Jun 04:00 CEST; a week later, exactly at Mon 8 Jun 04:00 CEST (02:00Z), the next one starts.
        var plan = DesiredPlanner.Plan(GameServer(), LongAgo, At("2026-06-08T02:00:00Z"), new ReplacementFacts(At("2026-06-01T02:00:00Z"), null));

        var template = plan.Desired.NodePool.Spec.Template.Metadata!;
        Assert.Equal("2026-06-08T02:00:00Z", template.Annotations![WorkloadClassApi.RotationAnnotation]);
        var budgets = plan.Desired.NodePool.Spec.Disruption!.Budgets!.Select(b => $"{b.Nodes}|{b.Schedule}|{b.Duration}|{string.Join(",", b.Reasons ?? [])}").ToList();

        // The user's two budgets (the Berlin one in UTC), then maxReplacing for Drifted, then "0" for the closed period
        // after this window: 06:00 CEST Monday (04:00Z) until Tuesday 04:00 CEST (02:00Z).
        Assert.Equal(["0|0 7 * * 1-5|9h|", "1|||", "1|||Drifted", "0|0 4 8 6 *|22h|Drifted"], budgets);
        Assert.Equal(At("2026-06-08T04:00:00Z"), plan.NextChange);
    }

    [Fact]
    public void GameServer_BeforeTheDueWindow_KeepsTheLastRotationAndWakesAtTheWindow()
    {
        var plan = DesiredPlanner.Plan(GameServer(), LongAgo, At("2026-06-07T12:00:00Z"), new ReplacementFacts(At("2026-06-01T02:00:00Z"), null));

        Assert.Equal("2026-06-01T02:00:00Z", plan.Desired.NodePool.Spec.Template.Metadata!.Annotations![WorkloadClassApi.RotationAnnotation]);
        Assert.Equal(At("2026-06-08T02:00:00Z"), plan.Replacement!.NextRotation);
        Assert.Equal(At("2026-06-08T02:00:00Z"), plan.NextChange);
    }

    [Fact]
    public void ClassWithoutWindows_RendersNoAnnotationAndNoDriftedBudget()
    {
        var workloadClass = GameServer();
        workloadClass.Spec.Lifecycle!.Replacement = null;

        var plan = DesiredPlanner.Plan(workloadClass, LongAgo, At("2026-06-08T02:00:00Z"), new ReplacementFacts(At("2026-06-01T02:00:00Z"), null));

        Assert.Null(plan.Desired.NodePool.Spec.Template.Metadata!.Annotations);
        Assert.Equal(2, plan.Desired.NodePool.Spec.Disruption!.Budgets!.Count);
        Assert.Null(plan.Replacement);
    }
}
