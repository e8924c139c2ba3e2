using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Scheduling;
using Builders = AutoMode.Testing.Builders.WorkloadClasses;

namespace AutoMode.Core.Tests.Planning;

/// <summary>The plan of one class at one instant: what the controller applies and what `render` prints.</summary>
public sealed class DesiredPlannerTests
{
    private static readonly DateTimeOffset LongAgo = At("2025-01-01T00:00:00Z");

    private static readonly OffHoursSpec Nightly = new()
    {
        TimeZone = "UTC",
        Windows = [new OffHoursWindowSpec { Start = "0 20 * * *", End = "0 7 * * *" }],
    };

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static V1Alpha1WorkloadClass Class(Action<V1Alpha1WorkloadClassSpec>? change = null, string? overrideAnnotation = null)
    {
        var workloadClass = Builders.Valid("web", change);
        if (overrideAnnotation is not null)
        {
            workloadClass.Metadata.Annotations = new Dictionary<string, string> { [WorkloadClassApi.OffHoursOverrideAnnotation] = overrideAnnotation };
        }

        return workloadClass;
    }

    private static DisruptionBudgetSpec Berlin(string nodes = "0") =>
        new() { Nodes = nodes, Schedule = "0 9 * * 1-5", Duration = "8h", TimeZone = "Europe/Berlin" };

    // reason, now, limits held down, next change
    public static TheoryData<string, string, bool, string?> OffHoursCases => new()
    {
        { "daytime: the spec's limits, next change at the window start", "2026-01-05T12:00:00Z", false, "2026-01-05T20:00:00Z" },
        { "inside the window: limits held at zero, next change at the window end", "2026-01-05T22:00:00Z", true, "2026-01-06T07:00:00Z" },
        { "exactly at the window start: down", "2026-01-05T20:00:00Z", true, "2026-01-06T07:00:00Z" },
        { "exactly at the window end: up", "2026-01-06T07:00:00Z", false, "2026-01-06T20:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(OffHoursCases))]
    public void OffHours_DecidesTheLimitsAndTheNextChange(string reason, string now, bool heldDown, string? next)
    {
        var plan = DesiredPlanner.Plan(Class(s => s.OffHours = Nightly), LongAgo, At(now));

        var limits = plan.Desired.NodePool.Spec.Limits!;
        Assert.True(heldDown == (limits["cpu"] == "0"), $"{reason}: cpu limit {limits["cpu"]}");
        Assert.True(plan.OffHours!.Active == heldDown, reason);
        Assert.True(At(next!) == plan.NextChange, $"{reason}: next {plan.NextChange}");
        Assert.Empty(plan.BudgetErrors);
    }

    [Fact]
    public void NoSchedulesAtAll_NothingChangesByItself()
    {
        var plan = DesiredPlanner.Plan(Class(), LongAgo, At("2026-01-05T12:00:00Z"));

        Assert.Null(plan.OffHours);
        Assert.Null(plan.NextChange);
        Assert.Null(plan.Override);
        Assert.Equal("100", plan.Desired.NodePool.Spec.Limits!["cpu"]);
    }

    [Fact]
    public void ZonedBudget_RenderedInUtc_NextChangeAtTheZonesOffsetChange()
    {
        var plan = DesiredPlanner.Plan(Class(s => s.Disruption = new DisruptionSpec { Budgets = [Berlin()] }), LongAgo, At("2026-07-01T00:00:00Z"));

        Assert.Equal("0 7 * * 1-5", plan.Desired.NodePool.Spec.Disruption!.Budgets!.Single().Schedule);
        Assert.Equal(At("2026-10-25T01:00:00Z"), plan.NextChange);
        Assert.Equal(At("2026-10-25T01:00:00Z"), plan.Budgets.Single().Translation.ValidUntil);
    }

    [Fact]
    public void ZonedBudgetAndOffHours_NextChangeIsTheEarlierOfThem()
    {
        var plan = DesiredPlanner.Plan(
            Class(s => { s.OffHours = Nightly; s.Disruption = new DisruptionSpec { Budgets = [Berlin()] }; }),
            LongAgo,
            At("2026-10-25T00:30:00Z"));

        // In the window (up at 07:00), but Berlin leaves summer time at 01:00.
        Assert.True(plan.OffHours!.Active);
        Assert.Equal(At("2026-10-25T01:00:00Z"), plan.NextChange);
    }

    [Fact]
    public void NullBudgetsKeepTheIndexOfTheOthers_InRenderingAndErrors()
    {
        var untranslatable = new DisruptionBudgetSpec { Nodes = "0", Schedule = "0 8 1 * *", Duration = "1h", TimeZone = "Asia/Tokyo" };
        var plan = DesiredPlanner.Plan(
            Class(s => s.Disruption = new DisruptionSpec { Budgets = [null!, Berlin("3"), untranslatable] }),
            LongAgo,
            At("2026-07-01T00:00:00Z"));

        Assert.Equal([1, 2], plan.Budgets.Select(b => b.Index));
        Assert.Equal("spec.disruption.budgets[2]", plan.BudgetErrors.Single().Path);
        Assert.Contains(plan.Desired.NodePool.Spec.Disruption!.Budgets!, b => b.Nodes == "3" && b.Schedule == "0 7 * * 1-5");
    }

    // reason, annotation, now, active, override described
    public static TheoryData<string, string, string, bool, string?> OverrideCases => new()
    {
        { "up-until in force inside the window", "up-until=2026-01-06T02:00:00Z", "2026-01-05T22:00:00Z", false, "up-until=2026-01-06T02:00:00Z" },
        { "down-until in force during the day", "down-until=2026-01-05T15:00:00Z", "2026-01-05T12:00:00Z", true, "down-until=2026-01-05T15:00:00Z" },
        { "expired: not reported, the schedule rules", "up-until=2026-01-05T21:00:00Z", "2026-01-05T22:00:00Z", true, null },
        { "unparseable: ignored (validation reports it)", "up-until=tomorrow", "2026-01-05T22:00:00Z", true, null },
    };

    [Theory]
    [MemberData(nameof(OverrideCases))]
    public void Override_InForceIsReportedAndDecidesTheLimits(string reason, string annotation, string now, bool active, string? described)
    {
        var plan = DesiredPlanner.Plan(Class(s => s.OffHours = Nightly, annotation), LongAgo, At(now));

        Assert.True(plan.OffHours!.Active == active, reason);
        Assert.True(described == plan.Override, $"{reason}: {plan.Override}");
        Assert.True((plan.Desired.NodePool.Spec.Limits!["cpu"] == "0") == active, reason);
    }

    [Fact]
    public void OverrideWithoutOffHours_IsNotReported()
    {
        var plan = DesiredPlanner.Plan(Class(overrideAnnotation: "down-until=2026-01-05T15:00:00Z"), LongAgo, At("2026-01-05T12:00:00Z"));

        Assert.Null(plan.Override);
        Assert.Equal("100", plan.Desired.NodePool.Spec.Limits!["cpu"]);
    }

    [Fact]
    public void GracePeriod_CountsFromTheCreationInstantGiven()
    {
        var spec = new OffHoursSpec { TimeZone = "UTC", Windows = Nightly.Windows, GracePeriod = "1h" };

        var fresh = DesiredPlanner.Plan(Class(s => s.OffHours = spec), At("2026-01-05T19:30:00Z"), At("2026-01-05T20:15:00Z"));
        var old = DesiredPlanner.Plan(Class(s => s.OffHours = spec), LongAgo, At("2026-01-05T20:15:00Z"));

        Assert.Equal((false, OffHoursReasons.GracePeriod), (fresh.OffHours!.Active, fresh.OffHours.Reason));
        Assert.Equal(At("2026-01-05T20:30:00Z"), fresh.NextChange);
        Assert.True(old.OffHours!.Active);
    }
}
