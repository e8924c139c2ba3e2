using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Scheduling;
using static AutoMode.Core.Tests.Scheduling.ScheduleTestData;

namespace AutoMode.Core.Tests.Scheduling;

/// <summary>Replacement windows across DST in the four zones of the off-hours tests, the rotation start, and the rendered Drifted budgets.</summary>
public sealed class ReplacementPlannerTests
{
    private static ReplacementSpec Spec(string zone, string schedule, string duration, string rotateEvery = "168h", string? maxReplacing = null) => new()
    {
        TimeZone = zone,
        Windows = [new ReplacementWindowSpec { Schedule = schedule, Duration = duration }],
        RotateEvery = rotateEvery,
        MaxReplacing = maxReplacing,
    };

    // reason, zone, schedule, duration, now, open, next window (UTC), the "0" hold's UTC schedule, its duration
    public static TheoryData<string, string, string, string, string, bool, string, string, string> Windows => new()
    {
        // Berlin: Thu 26 Mar 04:00 CET is 03:00Z; the clocks go forward on Sun 29 Mar, so Mon 30 Mar 04:00 CEST is 02:00Z.
        { "Berlin across spring-forward: the gap is an hour shorter", "Europe/Berlin", "0 4 * * 1-4", "2h", "2026-03-28T12:00:00Z", false, "2026-03-30T02:00:00Z", "0 5 26 3 *", "93h" },
        { "Berlin inside the window: the hold covers the gap after it", "Europe/Berlin", "0 4 * * 1-4", "2h", "2026-03-30T02:30:00Z", true, "2026-03-31T02:00:00Z", "0 4 30 3 *", "22h" },
        // Berlin goes back on Sun 25 Oct: Thu 22 Oct 06:00 CEST is 04:00Z, Mon 26 Oct 04:00 CET is 03:00Z.
        { "Berlin across fall-back: the gap is an hour longer", "Europe/Berlin", "0 4 * * 1-4", "2h", "2026-10-24T12:00:00Z", false, "2026-10-26T03:00:00Z", "0 4 22 10 *", "95h" },
        // New York falls back on Sun 1 Nov 02:00 EDT: 01:30 happens twice and fires once, on its first pass (05:30Z).
        { "New York fixed time in the repeated hour fires once", "America/New_York", "30 1 * * 0", "1h", "2026-10-31T12:00:00Z", false, "2026-11-01T05:30:00Z", "30 6 25 10 *", "167h" },
        { "New York the week after fall-back is an hour later in UTC", "America/New_York", "30 1 * * 0", "1h", "2026-11-01T12:00:00Z", false, "2026-11-08T06:30:00Z", "30 6 1 11 *", "168h" },
        // Sydney leaves DST on Sun 5 Apr 03:00 AEDT (16:00Z on the 4th): 03:00 AEST that day is 17:00Z, so the usual 22h gap lasts 23h.
        { "Sydney across the end of DST", "Australia/Sydney", "0 3 * * *", "2h", "2026-04-04T12:00:00Z", false, "2026-04-04T17:00:00Z", "0 18 3 4 *", "23h" },
        // Tokyo has no DST: Thu 04:00-06:00 JST is 19:00-21:00Z on Wednesday; the next window is Mon 04:00 JST (Sun 19:00Z).
        { "Tokyo weekend gap", "Asia/Tokyo", "0 4 * * 1-4", "2h", "2026-06-05T00:00:00Z", false, "2026-06-07T19:00:00Z", "0 21 3 6 *", "94h" },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void Plan_Windows_OpenNextAndHoldInUtc(string reason, string zone, string schedule, string duration, string now, bool open, string next, string holdSchedule, string holdDuration)
    {
        var state = ReplacementPlanner.Plan(Spec(zone, schedule, duration, maxReplacing: "2"), ReplacementFacts.None, At(now))!;

        Assert.True(open == state.Open, reason);
        Assert.Equal(At(next), state.NextWindow);
        Assert.Equal(["2 always Drifted", $"0 {holdSchedule} for {holdDuration} Drifted"], Describe(state.Budgets));
    }

    private static List<string> Describe(IEnumerable<RenderedBudget> budgets) =>
        [.. budgets.Select(b => $"{b.Nodes} {(b.Schedule is null ? "always" : $"{b.Schedule} for {b.Duration}")} {string.Join(",", b.Reasons ?? [])}")];

    [Fact]
    public void Plan_ClosedPeriod_ValidUntilTheNextWindowStart()
    {
        var state = ReplacementPlanner.Plan(Spec("Europe/Berlin", "0 4 * * 1-4", "2h"), ReplacementFacts.None, At("2026-03-28T12:00:00Z"))!;

        Assert.Equal(At("2026-03-30T02:00:00Z"), state.NextChange);
    }

    [Fact]
    public void Plan_OpenWindow_ValidUntilItCloses_AndTheHoldIsTheSameAfterwards()
    {
        var spec = Spec("Europe/Berlin", "0 4 * * 1-4", "2h");
        var inside = ReplacementPlanner.Plan(spec, ReplacementFacts.None, At("2026-06-01T02:30:00Z"))!;
        var after = ReplacementPlanner.Plan(spec, ReplacementFacts.None, At("2026-06-01T04:00:00Z"))!;

        Assert.Equal(At("2026-06-01T04:00:00Z"), inside.OpenUntil);
        Assert.Equal(At("2026-06-01T04:00:00Z"), inside.NextChange);
        Assert.False(after.Open);

        // The budgets rendered inside the window already hold the closed period after it: no write at the window's end.
        Assert.Equal(Describe(inside.Budgets), Describe(after.Budgets));
    }

    [Fact]
    public void Hold_IsActiveExactlyOutsideTheWindows_AsKarpenterReadsIt()
    {
        // Karpenter: a budget is active while schedule.Next(now - duration) <= now (pkg/apis/v1/nodepool.go Budget.IsActive).
        var state = ReplacementPlanner.Plan(Spec("Asia/Tokyo", "0 4 * * 1-4", "2h"), ReplacementFacts.None, At("2026-06-05T00:00:00Z"))!;
        var hold = state.Budgets[1];
        var start = At("2026-06-03T21:00:00Z");
        var length = TimeSpan.FromHours(94);

        bool Active(DateTimeOffset now) => Cronos.CronExpression.Parse(hold.Schedule!).GetNextOccurrence(now - length, TimeZoneInfo.Utc, inclusive: false) is { } hit && hit <= now;

        Assert.True(Active(start));
        Assert.True(Active(At("2026-06-07T18:59:00Z")));
        Assert.False(Active(At("2026-06-07T19:00:00Z")));
        Assert.False(Active(start.AddMinutes(-1)));
    }

    // reason, last rotation, oldest node, now, expected rotation value (null: none), expected next rotation
    public static TheoryData<string, string?, string?, string, string?, string?> Rotations => new()
    {
        { "a minute before the due window: the last rotation stays", "2026-06-01T02:00:00Z", null, "2026-06-08T01:59:00Z", "2026-06-01T02:00:00Z", "2026-06-08T02:00:00Z" },
        { "exactly at the window a week later: the rotation starts", "2026-06-01T02:00:00Z", null, "2026-06-08T02:00:00Z", "2026-06-08T02:00:00Z", "2026-06-15T02:00:00Z" },
        { "due Mon but the operator was down until Wed: one rotation at Wed's window", "2026-06-01T02:00:00Z", null, "2026-06-10T12:00:00Z", "2026-06-10T02:00:00Z", "2026-06-17T02:00:00Z" },
        { "never rotated: the first window a period after the oldest node", null, "2026-06-02T10:00:00Z", "2026-06-09T10:00:00Z", null, "2026-06-10T02:00:00Z" },
        { "never rotated, due: starts at that window", null, "2026-06-02T10:00:00Z", "2026-06-10T02:00:00Z", "2026-06-10T02:00:00Z", "2026-06-17T02:00:00Z" },
        { "no node and never rotated: nothing to rotate", null, null, "2026-06-10T02:00:00Z", null, null },
        // Across spring-forward: Mon 23 Mar 04:00 CET is 03:00Z; + 168h is 30 Mar 03:00Z, after that day's 04:00 CEST (02:00Z), so Tuesday.
        { "a period later across spring-forward lands on the next day's window", "2026-03-23T03:00:00Z", null, "2026-03-31T02:00:00Z", "2026-03-31T02:00:00Z", "2026-04-07T02:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Rotations))]
    public void Plan_Rotation_StartsAtTheFirstWindowAfterThePeriod(string reason, string? last, string? oldest, string now, string? rotation, string? next)
    {
        var state = ReplacementPlanner.Plan(Spec("Europe/Berlin", "0 4 * * 1-4", "2h"), new ReplacementFacts(AtOrNull(last), AtOrNull(oldest)), At(now))!;

        Assert.True(AtOrNull(rotation) == state.Rotation, $"{reason}: rotation {state.Rotation:o}");
        Assert.True(AtOrNull(next) == state.NextRotation, $"{reason}: next {state.NextRotation:o}");
    }

    [Fact]
    public void Plan_SameFactsAndClock_SameState()
    {
        var spec = Spec("Europe/Berlin", "0 4 * * 1-4", "2h");
        var facts = new ReplacementFacts(At("2026-06-01T02:00:00Z"), At("2026-06-01T03:00:00Z"));

        Assert.Equal(Describe(ReplacementPlanner.Plan(spec, facts, At("2026-06-08T02:00:00Z"))!.Budgets), Describe(ReplacementPlanner.Plan(spec, facts, At("2026-06-08T02:00:00Z"))!.Budgets));
        Assert.Equal(ReplacementPlanner.Plan(spec, facts, At("2026-06-08T02:00:00Z"))!.Rotation, ReplacementPlanner.Plan(spec, facts, At("2026-06-08T02:00:00Z"))!.Rotation);
    }

    [Fact]
    public void Plan_WithoutReplacement_IsNull()
    {
        Assert.Null(ReplacementPlanner.Plan(null, ReplacementFacts.None, At("2026-06-08T02:00:00Z")));
    }

    [Theory]
    [InlineData(30, "30m")]
    [InlineData(60, "1h")]
    [InlineData(5640, "94h")]
    [InlineData(90, "1h30m")]
    public void FormatDuration_MatchesKarpentersBudgetDurationPattern(long minutes, string expected)
    {
        Assert.Equal(expected, ReplacementPlanner.FormatDuration(minutes));
        Assert.Matches(@"^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$", expected);
    }

    [Fact]
    public void LongestSpacing_MonToThu_IsThuToMonWithTheDstHour()
    {
        var timeline = ReplacementPlanner.Timeline(Spec("Europe/Berlin", "0 4 * * 1-4", "2h"))!;

        Assert.Equal(TimeSpan.FromHours(97), timeline.LongestSpacing(At("2026-01-01T00:00:00Z"), TimeSpan.FromDays(373)));
    }
}
