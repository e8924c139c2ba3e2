using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Scheduling;
using Microsoft.Extensions.Time.Testing;
using static AutoMode.Core.Tests.Scheduling.ScheduleTestData;

namespace AutoMode.Core.Tests.Scheduling;

public sealed class OffHoursScheduleTests
{
    private const string Nightly = "0 20 * * *|0 7 * * *";

    // reason, zone, windows, now, active, since, next, expected reason
    public static TheoryData<string, string, string, string, bool, string?, string?, string> Windows => new()
    {
        { "inside a day window", "UTC", "0 9 * * *|0 17 * * *", "2026-01-05T12:00:00Z", true, "2026-01-05T09:00:00Z", "2026-01-05T17:00:00Z", OffHoursReasons.Scheduled },
        { "before a day window", "UTC", "0 9 * * *|0 17 * * *", "2026-01-05T08:59:59Z", false, "2026-01-04T17:00:00Z", "2026-01-05T09:00:00Z", OffHoursReasons.OutsideWindow },
        { "exactly at start is down", "UTC", "0 9 * * *|0 17 * * *", "2026-01-05T09:00:00Z", true, "2026-01-05T09:00:00Z", "2026-01-05T17:00:00Z", OffHoursReasons.Scheduled },
        { "exactly at end is up", "UTC", "0 9 * * *|0 17 * * *", "2026-01-05T17:00:00Z", false, "2026-01-05T17:00:00Z", "2026-01-06T09:00:00Z", OffHoursReasons.OutsideWindow },
        { "across midnight, after midnight", "UTC", Nightly, "2026-01-06T02:00:00Z", true, "2026-01-05T20:00:00Z", "2026-01-06T07:00:00Z", OffHoursReasons.Scheduled },
        { "across midnight, before midnight", "UTC", Nightly, "2026-01-05T23:00:00Z", true, "2026-01-05T20:00:00Z", "2026-01-06T07:00:00Z", OffHoursReasons.Scheduled },
        { "weekday nights end Friday night at Monday 07:00", "UTC", "0 20 * * 1-5|0 7 * * 1-5", "2026-01-10T12:00:00Z", true, "2026-01-09T20:00:00Z", "2026-01-12T07:00:00Z", OffHoursReasons.Scheduled },
        { "weekend window Fri 20:00 to Mon 07:00", "UTC", "0 20 * * 5|0 7 * * 1", "2026-01-11T23:59:00Z", true, "2026-01-09T20:00:00Z", "2026-01-12T07:00:00Z", OffHoursReasons.Scheduled },
        { "weekend window, Thursday", "UTC", "0 20 * * 5|0 7 * * 1", "2026-01-08T12:00:00Z", false, "2026-01-05T07:00:00Z", "2026-01-09T20:00:00Z", OffHoursReasons.OutsideWindow },
        { "overlap: the earlier window's end is no transition", "UTC", "0 18 * * *|0 22 * * *;0 20 * * *|0 6 * * *", "2026-01-05T19:00:00Z", true, "2026-01-05T18:00:00Z", "2026-01-06T06:00:00Z", OffHoursReasons.Scheduled },
        { "overlap: inside both windows", "UTC", "0 18 * * *|0 22 * * *;0 20 * * *|0 6 * * *", "2026-01-05T21:00:00Z", true, "2026-01-05T18:00:00Z", "2026-01-06T06:00:00Z", OffHoursReasons.Scheduled },
        { "overlap: the later window's start is no transition", "UTC", "0 18 * * *|0 22 * * *;0 20 * * *|0 6 * * *", "2026-01-06T03:00:00Z", true, "2026-01-05T18:00:00Z", "2026-01-06T06:00:00Z", OffHoursReasons.Scheduled },
        { "adjacent windows merge", "UTC", "0 18 * * *|0 20 * * *;0 20 * * *|0 23 * * *", "2026-01-05T21:00:00Z", true, "2026-01-05T18:00:00Z", "2026-01-05T23:00:00Z", OffHoursReasons.Scheduled },
        { "nested window inside another", "UTC", "0 8 * * *|0 20 * * *;0 12 * * *|0 13 * * *", "2026-01-05T12:30:00Z", true, "2026-01-05T08:00:00Z", "2026-01-05T20:00:00Z", OffHoursReasons.Scheduled },
        { "two starts before one end: down from the first", "UTC", "0 18,19 * * *|0 21 * * *", "2026-01-05T20:00:00Z", true, "2026-01-05T18:00:00Z", "2026-01-05T21:00:00Z", OffHoursReasons.Scheduled },
        { "Tokyo window in local time", "Asia/Tokyo", Nightly, "2026-01-05T12:00:00Z", true, "2026-01-05T11:00:00Z", "2026-01-05T22:00:00Z", OffHoursReasons.Scheduled },
        { "yearly shutdown longer than a week", "UTC", "0 18 24 12 *|0 8 2 1 *", "2026-12-30T00:00:00Z", true, "2026-12-24T18:00:00Z", "2027-01-02T08:00:00Z", OffHoursReasons.Scheduled },
        { "yearly shutdown next year is within the look-ahead", "UTC", "0 18 24 12 *|0 8 2 1 *", "2027-01-03T00:00:00Z", false, "2027-01-02T08:00:00Z", "2027-12-24T18:00:00Z", OffHoursReasons.OutsideWindow },
        { "a window that never fires in the look-ahead has no next transition", "UTC", "0 0 29 2 *|0 0 1 3 *", "2026-06-01T00:00:00Z", false, null, null, OffHoursReasons.OutsideWindow },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void Evaluate_Windows_GiveExactStateSinceAndNextTransition(
        string reason, string zone, string windows, string now, bool active, string? since, string? next, string expectedReason)
    {
        var state = OffHoursSchedule.Evaluate(Spec(zone, windows), LongAgo, At(now), null);

        Assert.True(
            new OffHoursState(active, AtOrNull(since), AtOrNull(next), expectedReason) == state with { Message = string.Empty },
            $"{reason}: got {state}");
    }

    // Each DST case, in the four zones. Instants are UTC; comments give the local wall clock.
    public static TheoryData<string, string, string, string, bool, string?, string?> Dst => new()
    {
        // America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z).
        { "NY spring night keeps 20:00-07:00 local: 10h", "America/New_York", Nightly, "2026-03-08T05:00:00Z", true, "2026-03-08T01:00:00Z", "2026-03-08T11:00:00Z" },
        { "NY fall night keeps 20:00-07:00 local: 12h", "America/New_York", Nightly, "2026-11-01T05:30:00Z", true, "2026-11-01T00:00:00Z", "2026-11-01T12:00:00Z" },
        { "NY next window after spring night is 20:00 EDT", "America/New_York", Nightly, "2026-03-08T12:00:00Z", false, "2026-03-08T11:00:00Z", "2026-03-09T00:00:00Z" },
        { "NY start 02:30 in the gap fires at 03:00 EDT", "America/New_York", "30 2 * * *|0 5 * * *", "2026-03-08T06:59:00Z", false, "2026-03-07T10:00:00Z", "2026-03-08T07:00:00Z" },
        { "NY start in the gap: down from 03:00 EDT to 05:00 EDT", "America/New_York", "30 2 * * *|0 5 * * *", "2026-03-08T07:00:00Z", true, "2026-03-08T07:00:00Z", "2026-03-08T09:00:00Z" },
        { "NY end 02:30 in the gap comes back at 03:00 EDT", "America/New_York", "0 1 * * *|30 2 * * *", "2026-03-08T06:30:00Z", true, "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z" },
        { "NY start 02:30 and end 03:00 both land at 03:00 EDT: the end must come after the start, so the window runs to the next day's end", "America/New_York", "30 2 * * *|0 3 * * *", "2026-03-08T08:00:00Z", true, "2026-03-08T07:00:00Z", "2026-03-09T07:00:00Z" },
        { "NY start 01:30 in the repeated hour fires once (first pass)", "America/New_York", "30 1 * * *|0 6 * * *", "2026-11-01T06:45:00Z", true, "2026-11-01T05:30:00Z", "2026-11-01T11:00:00Z" },
        { "NY end 01:30 in the repeated hour fires once: second pass 01:10 EST stays up", "America/New_York", "0 22 * * *|30 1 * * *", "2026-11-01T06:10:00Z", false, "2026-11-01T05:30:00Z", "2026-11-02T03:00:00Z" },

        // Europe/Berlin: 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z).
        { "Berlin spring night 20:00-07:00 local: 10h", "Europe/Berlin", Nightly, "2026-03-29T00:30:00Z", true, "2026-03-28T19:00:00Z", "2026-03-29T05:00:00Z" },
        { "Berlin fall night 20:00-07:00 local: 12h", "Europe/Berlin", Nightly, "2026-10-25T01:30:00Z", true, "2026-10-24T18:00:00Z", "2026-10-25T06:00:00Z" },
        { "Berlin start 02:30 in the gap fires at 03:00 CEST", "Europe/Berlin", "30 2 * * *|0 4 * * *", "2026-03-29T01:30:00Z", true, "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z" },
        { "Berlin end 02:30 in the gap comes back at 03:00 CEST", "Europe/Berlin", "0 1 * * *|30 2 * * *", "2026-03-29T00:30:00Z", true, "2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z" },
        { "Berlin start 02:30 in the repeated hour fires once", "Europe/Berlin", "30 2 * * *|0 6 * * *", "2026-10-25T01:45:00Z", true, "2026-10-25T00:30:00Z", "2026-10-25T05:00:00Z" },
        { "Berlin end 02:30 in the repeated hour: second pass stays up", "Europe/Berlin", "0 22 * * *|30 2 * * *", "2026-10-25T01:15:00Z", false, "2026-10-25T00:30:00Z", "2026-10-25T21:00:00Z" },

        // Australia/Sydney: 2026-04-05 03:00 AEDT -> 02:00 AEST (04-04T16:00Z); 2026-10-04 02:00 AEST -> 03:00 AEDT (10-03T16:00Z).
        { "Sydney spring night 20:00-07:00 local: 10h", "Australia/Sydney", Nightly, "2026-10-03T15:00:00Z", true, "2026-10-03T10:00:00Z", "2026-10-03T20:00:00Z" },
        { "Sydney fall night 20:00-07:00 local: 12h", "Australia/Sydney", Nightly, "2026-04-04T16:30:00Z", true, "2026-04-04T09:00:00Z", "2026-04-04T21:00:00Z" },
        { "Sydney start 02:30 in the gap fires at 03:00 AEDT", "Australia/Sydney", "30 2 * * *|0 4 * * *", "2026-10-03T15:59:00Z", false, "2026-10-02T18:00:00Z", "2026-10-03T16:00:00Z" },
        { "Sydney start 02:30 in the repeated hour fires once", "Australia/Sydney", "30 2 * * *|0 6 * * *", "2026-04-04T16:45:00Z", true, "2026-04-04T15:30:00Z", "2026-04-04T20:00:00Z" },

        // Asia/Tokyo: no DST, the control case: always 11h, same UTC times all year.
        { "Tokyo 20:00-07:00 in March: 11h", "Asia/Tokyo", Nightly, "2026-03-07T15:00:00Z", true, "2026-03-07T11:00:00Z", "2026-03-07T22:00:00Z" },
        { "Tokyo 20:00-07:00 in October: 11h", "Asia/Tokyo", Nightly, "2026-10-25T01:00:00Z", false, "2026-10-24T22:00:00Z", "2026-10-25T11:00:00Z" },
        { "Tokyo 02:30 fires at 02:30 (no gap)", "Asia/Tokyo", "30 2 * * *|0 4 * * *", "2026-03-29T17:00:00Z", false, "2026-03-28T19:00:00Z", "2026-03-29T17:30:00Z" },
    };

    [Theory]
    [MemberData(nameof(Dst))]
    public void Evaluate_DstNights_NoWindowLostDoubledOrShifted(
        string reason, string zone, string windows, string now, bool active, string? since, string? next)
    {
        var state = OffHoursSchedule.Evaluate(Spec(zone, windows), LongAgo, At(now), null);

        Assert.True(
            state.Active == active && state.Since == AtOrNull(since) && state.NextTransition == AtOrNull(next),
            $"{reason}: got {state}");
    }

    [Theory]
    [InlineData("America/New_York", "2026-03-07T12:00:00Z", 10, 11, 11)]
    [InlineData("America/New_York", "2026-10-31T12:00:00Z", 12, 11, 11)]
    [InlineData("Europe/Berlin", "2026-03-28T12:00:00Z", 10, 11, 11)]
    [InlineData("Europe/Berlin", "2026-10-24T12:00:00Z", 12, 11, 11)]
    [InlineData("Australia/Sydney", "2026-10-03T02:00:00Z", 10, 11, 11)]
    [InlineData("Australia/Sydney", "2026-04-04T02:00:00Z", 12, 11, 11)]
    [InlineData("Asia/Tokyo", "2026-03-28T02:00:00Z", 11, 11, 11)]
    public void Evaluate_NightlyWindowAroundDstNight_LastsItsWallClockLengthInUtc(string zone, string noonBefore, int dstNightHours, int nightBeforeHours, int nightAfterHours)
    {
        // Walk three nights by NextTransition: down lengths are the nights' elapsed hours; no window lost or doubled.
        var spec = Spec(zone, Nightly);
        var now = At(noonBefore).AddDays(-1);
        var lengths = new List<double>();
        for (var night = 0; night < 3; night++)
        {
            var down = OffHoursSchedule.Evaluate(spec, LongAgo, now, null).NextTransition!.Value;
            var up = OffHoursSchedule.Evaluate(spec, LongAgo, down, null);
            Assert.True(up.Active);
            lengths.Add((up.NextTransition!.Value - down).TotalHours);
            now = up.NextTransition.Value;
        }

        Assert.Equal([nightBeforeHours, dstNightHours, nightAfterHours], lengths);
    }

    [Fact]
    public void Evaluate_Holiday_DownAllLocalDayAndMergedWithAdjoiningWindows()
    {
        var spec = Spec("UTC", Nightly, holidays: ["2026-01-07"]);

        var state = OffHoursSchedule.Evaluate(spec, LongAgo, At("2026-01-07T12:00:00Z"), null);

        // Down from Tuesday 20:00 through the holiday to Thursday 07:00, with no flip at either midnight.
        Assert.Equal(new OffHoursState(true, At("2026-01-06T20:00:00Z"), At("2026-01-08T07:00:00Z"), OffHoursReasons.Holiday), state);
    }

    [Theory]
    [InlineData("Asia/Tokyo", "2026-01-07", "2026-01-06T15:00:00Z", "2026-01-07T15:00:00Z")]
    [InlineData("Europe/Berlin", "2026-03-29", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")]
    [InlineData("Europe/Berlin", "2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z")]
    [InlineData("America/New_York", "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z")]
    [InlineData("Australia/Sydney", "2026-10-04", "2026-10-03T14:00:00Z", "2026-10-04T13:00:00Z")]
    public void Evaluate_HolidayOnly_CoversLocalMidnightToMidnightIncludingDstDays(string zone, string date, string start, string end)
    {
        var spec = Spec(zone, string.Empty, holidays: [date]);

        var before = OffHoursSchedule.Evaluate(spec, LongAgo, At(start).AddTicks(-1), null);
        var during = OffHoursSchedule.Evaluate(spec, LongAgo, At(start), null);
        var after = OffHoursSchedule.Evaluate(spec, LongAgo, At(end), null);

        Assert.Equal((false, At(start)), (before.Active, before.NextTransition!.Value));
        Assert.Equal(new OffHoursState(true, At(start), At(end), OffHoursReasons.Holiday), during);
        Assert.Equal((false, At(end), (DateTimeOffset?)null), (after.Active, after.Since!.Value, after.NextTransition));
    }

    public static TheoryData<string, string, string, bool, string?, string?, string> Grace => new()
    {
        { "created inside a window: up until the grace period ends", "2026-01-05T19:30:00Z", "2026-01-05T20:15:00Z", false, "2026-01-05T19:30:00Z", "2026-01-05T20:30:00Z", OffHoursReasons.GracePeriod },
        { "grace ended inside the window: down since the grace end", "2026-01-05T19:30:00Z", "2026-01-05T21:00:00Z", true, "2026-01-05T20:30:00Z", "2026-01-06T07:00:00Z", OffHoursReasons.Scheduled },
        { "grace ends outside a window: next is the window start", "2026-01-05T10:00:00Z", "2026-01-05T10:30:00Z", false, "2026-01-05T10:00:00Z", "2026-01-05T20:00:00Z", OffHoursReasons.GracePeriod },
        { "after grace, before the first window: up since creation", "2026-01-05T10:00:00Z", "2026-01-05T12:00:00Z", false, "2026-01-05T10:00:00Z", "2026-01-05T20:00:00Z", OffHoursReasons.OutsideWindow },
        { "created mid-window, grace ends after the window", "2026-01-06T06:30:00Z", "2026-01-06T07:10:00Z", false, "2026-01-06T06:30:00Z", "2026-01-06T20:00:00Z", OffHoursReasons.GracePeriod },
    };

    [Theory]
    [MemberData(nameof(Grace))]
    public void Evaluate_GracePeriod_NoScaleDownBeforeCreationPlusGrace(
        string reason, string created, string now, bool active, string? since, string? next, string expectedReason)
    {
        var state = OffHoursSchedule.Evaluate(Spec("UTC", Nightly, grace: "1h"), At(created), At(now), null);

        Assert.True(
            new OffHoursState(active, AtOrNull(since), AtOrNull(next), expectedReason) == state with { Message = string.Empty },
            $"{reason}: got {state}");
    }

    [Fact]
    public void Evaluate_Suspended_NeverDownEvenInsideAWindowOrWithDownOverride()
    {
        var spec = Spec("UTC", Nightly, suspend: true);
        var down = new OffHoursOverride(OffHoursOverrideMode.Down, At("2026-01-07T00:00:00Z"));

        var state = OffHoursSchedule.Evaluate(spec, LongAgo, At("2026-01-05T22:00:00Z"), down);

        Assert.Equal((false, (DateTimeOffset?)null, OffHoursReasons.Suspended), (state.Active, state.NextTransition, state.Reason));
    }

    // reason, override, now, active, since, next, expected reason
    public static TheoryData<string, string, string, bool, string?, string?, string> Overrides => new()
    {
        { "up-until inside a window: up now, down at T", "up-until=2026-01-06T02:00:00Z", "2026-01-05T22:00:00Z", false, null, "2026-01-06T02:00:00Z", OffHoursReasons.OverrideUp },
        { "up-until past the window end: next is the next window", "up-until=2026-01-06T09:00:00Z", "2026-01-05T22:00:00Z", false, null, "2026-01-06T20:00:00Z", OffHoursReasons.OverrideUp },
        { "up-until while the schedule is up too: since from the schedule", "up-until=2026-01-05T21:00:00Z", "2026-01-05T12:00:00Z", false, "2026-01-05T07:00:00Z", "2026-01-05T21:00:00Z", OffHoursReasons.OverrideUp },
        { "down-until during the day: up again at T", "down-until=2026-01-05T15:00:00+01:00", "2026-01-05T12:00:00Z", true, null, "2026-01-05T14:00:00Z", OffHoursReasons.OverrideDown },
        { "down-until inside the next window: up at the window end", "down-until=2026-01-06T03:00:00Z", "2026-01-05T12:00:00Z", true, null, "2026-01-06T07:00:00Z", OffHoursReasons.OverrideDown },
        { "down-until while the schedule is down too: since from the schedule", "down-until=2026-01-06T03:00:00Z", "2026-01-05T22:00:00Z", true, "2026-01-05T20:00:00Z", "2026-01-06T07:00:00Z", OffHoursReasons.OverrideDown },
        { "expired up-until: the schedule again, down since the override ended (not the window start)", "up-until=2026-01-05T21:00:00Z", "2026-01-05T22:00:00Z", true, "2026-01-05T21:00:00Z", "2026-01-06T07:00:00Z", OffHoursReasons.Scheduled },
        { "down-until expiring exactly now: up since now", "down-until=2026-01-05T12:00:00Z", "2026-01-05T12:00:00Z", false, "2026-01-05T12:00:00Z", "2026-01-05T20:00:00Z", OffHoursReasons.OutsideWindow },
        { "expired down-until: up since it ended", "down-until=2026-01-05T09:00:00Z", "2026-01-05T12:00:00Z", false, "2026-01-05T09:00:00Z", "2026-01-05T20:00:00Z", OffHoursReasons.OutsideWindow },
        { "expired down-until before a later window start: since the window start", "down-until=2026-01-05T19:00:00Z", "2026-01-05T22:00:00Z", true, "2026-01-05T20:00:00Z", "2026-01-06T07:00:00Z", OffHoursReasons.Scheduled },
        { "expired up-until that agreed with the state: since from the schedule", "up-until=2026-01-05T09:00:00Z", "2026-01-05T12:00:00Z", false, "2026-01-05T07:00:00Z", "2026-01-05T20:00:00Z", OffHoursReasons.OutsideWindow },
    };

    [Theory]
    [MemberData(nameof(Overrides))]
    public void Evaluate_Overrides_ForceStateUntilTheyExpire(
        string reason, string annotation, string now, bool active, string? since, string? next, string expectedReason)
    {
        Assert.True(OffHoursOverride.TryParse(annotation, out var forced, out _));

        var state = OffHoursSchedule.Evaluate(Spec("UTC", Nightly), LongAgo, At(now), forced);

        Assert.True(
            new OffHoursState(active, AtOrNull(since), AtOrNull(next), expectedReason) == state with { Message = string.Empty },
            $"{reason}: got {state}");
    }

    [Fact]
    public void Evaluate_DownOverrideWithoutWindows_ComesBackUpAtT()
    {
        var forced = new OffHoursOverride(OffHoursOverrideMode.Down, At("2026-01-05T15:00:00Z"));

        var during = OffHoursSchedule.Evaluate(Spec("UTC", string.Empty), LongAgo, At("2026-01-05T12:00:00Z"), forced);
        var after = OffHoursSchedule.Evaluate(Spec("UTC", string.Empty), LongAgo, At("2026-01-05T15:00:00Z"), forced);

        Assert.Equal((true, At("2026-01-05T15:00:00Z")), (during.Active, during.NextTransition!.Value));
        Assert.Equal((false, OffHoursReasons.NoWindows, (DateTimeOffset?)null), (after.Active, after.Reason, after.NextTransition));
        // Up since the override ended, not since the class was created.
        Assert.Equal(At("2026-01-05T15:00:00Z"), after.Since);
    }

    [Fact]
    public void Evaluate_NoWindowsNoHolidays_UpSinceCreationWithoutTransition()
    {
        var created = At("2026-01-01T00:00:00Z");

        var state = OffHoursSchedule.Evaluate(new OffHoursSpec(), created, At("2026-01-05T12:00:00Z"), null);

        Assert.Equal(new OffHoursState(false, created, null, OffHoursReasons.NoWindows), state);
    }

    public static TheoryData<string, OffHoursSpec> Invalid => new()
    {
        { "six-field cron", Spec("UTC", "0 0 20 * * *|0 7 * * *") },
        { "garbage cron", Spec("UTC", "nope|0 7 * * *") },
        { "minute out of range", Spec("UTC", "61 20 * * *|0 7 * * *") },
        { "jitter without a seed", Spec("UTC", "H 20 * * *|0 7 * * *") },
        { "unknown zone", Spec("Mars/Olympus_Mons", Nightly) },
        { "zone path escape", Spec("../../etc/passwd", Nightly) },
        { "holiday not a date", Spec("UTC", Nightly, holidays: ["2026-13-01"]) },
        { "holiday out of range", Spec("UTC", Nightly, holidays: ["0001-01-01"]) },
        { "grace not a duration", Spec("UTC", Nightly, grace: "1 hour") },
        { "negative grace", Spec("UTC", Nightly, grace: "-1h") },
        { "missing end", new OffHoursSpec { Windows = [new OffHoursWindowSpec { Start = "0 20 * * *" }] } },
        { "null window", new OffHoursSpec { Windows = [null!] } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Evaluate_UnreadableSchedule_StaysUpWithInvalidScheduleAndDoesNotThrow(string reason, OffHoursSpec spec)
    {
        var state = OffHoursSchedule.Evaluate(spec, LongAgo, At("2026-01-05T22:00:00Z"), null);

        Assert.True(
            (false, OffHoursReasons.InvalidSchedule, (DateTimeOffset?)null) == (state.Active, state.Reason, state.NextTransition) && state.Message.Length > 0,
            $"{reason}: got {state}");
    }

    [Fact]
    public void Evaluate_BackToBackMinuteWindows_StopsAtTheStepBoundWithUnknownSinceAndNext()
    {
        var state = OffHoursSchedule.Evaluate(Spec("UTC", "* * * * *|* * * * *"), LongAgo, At("2026-01-05T22:00:30Z"), null);

        Assert.Equal(new OffHoursState(true, null, null, OffHoursReasons.Scheduled), state);
    }

    [Fact]
    public void Evaluate_ExtremeCreationTime_DoesNotThrow()
    {
        var state = OffHoursSchedule.Evaluate(Spec("UTC", Nightly, grace: "1h"), DateTimeOffset.MinValue, At("2026-01-05T22:00:00Z"), null);

        Assert.True(state.Active);
    }

    [Fact]
    public void Evaluate_FakeTimeProviderAdvancedToEachTransition_FlipsEveryTime()
    {
        var time = new FakeTimeProvider(At("2026-10-20T12:00:00Z"));
        var spec = Spec("Europe/Berlin", "0 20 * * 1-5|0 7 * * 1-5", holidays: ["2026-10-26"]);
        var seen = new List<(bool, DateTimeOffset)>();

        for (var i = 0; i < 8; i++)
        {
            var state = OffHoursSchedule.Evaluate(spec, LongAgo, time.GetUtcNow(), null);
            seen.Add((state.Active, time.GetUtcNow()));
            time.SetUtcNow(state.NextTransition!.Value);
        }

        // Tue..Fri nights, the weekend (CEST -> CET on Sunday), and the Monday holiday merged with the nights around it.
        Assert.Equal(
            [
                (false, At("2026-10-20T12:00:00Z")),
                (true, At("2026-10-20T18:00:00Z")),
                (false, At("2026-10-21T05:00:00Z")),
                (true, At("2026-10-21T18:00:00Z")),
                (false, At("2026-10-22T05:00:00Z")),
                (true, At("2026-10-22T18:00:00Z")),
                (false, At("2026-10-23T05:00:00Z")),
                (true, At("2026-10-23T18:00:00Z")),
            ],
            seen);
        Assert.Equal(At("2026-10-27T06:00:00Z"), time.GetUtcNow());
    }

    private static readonly string[] PropertyZones = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Tokyo"];

    // Weekday nights, a lunch window overlapping nothing, a Sunday window straddling the spring-forward gap, holidays on DST days.
    private static OffHoursSpec PropertySpec(string zone) => Spec(
        zone,
        "0 20 * * 1-5|0 7 * * 1-5;0 12 * * *|0 13 * * *;30 2 * * 0|30 3 * * 0;0 1 * * 0|30 2 * * 0",
        holidays: ["2026-03-29", "2026-10-04", "2026-11-01", "2026-12-25"]);

    public static TheoryData<string> Zones => [.. PropertyZones];

    [Theory]
    [MemberData(nameof(Zones))]
    public void Evaluate_RandomInstantsOverAYear_NextTransitionFlipsExactlyThereAndSinceMatches(string zone)
    {
        var spec = PropertySpec(zone);
        var random = new Random(20260101);
        var start = At("2026-01-01T00:00:00Z");
        for (var i = 0; i < 150; i++)
        {
            var now = start.AddMinutes(random.Next(0, 365 * 24 * 60)).AddSeconds(random.Next(0, 60));
            var state = OffHoursSchedule.Evaluate(spec, LongAgo, now, null);
            var next = state.NextTransition ?? throw new InvalidOperationException($"{zone} {now:O}: no next transition");

            var atNext = OffHoursSchedule.Evaluate(spec, LongAgo, next, null);
            var justBefore = OffHoursSchedule.Evaluate(spec, LongAgo, next.AddTicks(-1), null);
            var between = OffHoursSchedule.Evaluate(spec, LongAgo, now + ((next - now) * random.NextDouble()), null);
            Assert.True(atNext.Active != state.Active, $"{zone} {now:O}: no flip at {next:O}");
            Assert.True(justBefore.Active == state.Active && between.Active == state.Active, $"{zone} {now:O}: flipped before {next:O}");
            Assert.True(atNext.Since == next, $"{zone} {now:O}: since after the flip is {atNext.Since:O}, not {next:O}");

            var since = state.Since ?? throw new InvalidOperationException($"{zone} {now:O}: no since");
            Assert.True(since <= now, $"{zone} {now:O}: since {since:O} is in the future");
            Assert.True(OffHoursSchedule.Evaluate(spec, LongAgo, since, null).Active == state.Active, $"{zone} {now:O}: not in state at since {since:O}");
            Assert.True(OffHoursSchedule.Evaluate(spec, LongAgo, since.AddTicks(-1), null).Active != state.Active, $"{zone} {now:O}: since {since:O} is no flip");
        }
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void Evaluate_EveryQuarterHourAroundDstNights_MatchesBruteForceUnionOfIntervals(string zone)
    {
        var spec = PropertySpec(zone);
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        foreach (var night in new[] { "2026-03-07", "2026-03-28", "2026-04-04", "2026-10-03", "2026-10-24", "2026-10-31" })
        {
            var from = At(night + "T00:00:00Z").AddDays(-1);
            var to = from.AddDays(3);
            var intervals = BruteForceIntervals(spec, tz, from.AddDays(-10), to);
            for (var t = from; t < to; t = t.AddMinutes(15))
            {
                var expected = intervals.Any(i => i.Start <= t && t < i.End);
                var actual = OffHoursSchedule.Evaluate(spec, LongAgo, t, null).Active;
                Assert.True(expected == actual, $"{zone} {t:O}: expected active={expected}");
            }
        }
    }

    /// <summary>Every interval, by plain forward enumeration: each start to the first end after it, plus each holiday day.</summary>
    private static List<(DateTimeOffset Start, DateTimeOffset End)> BruteForceIntervals(OffHoursSpec spec, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new List<(DateTimeOffset, DateTimeOffset)>();
        foreach (var window in spec.Windows!)
        {
            var start = Cronos.CronExpression.Parse(window.Start!);
            var end = Cronos.CronExpression.Parse(window.End!);
            foreach (var s in start.GetOccurrences(from, to, zone))
            {
                result.Add((s, end.GetNextOccurrence(s, zone)!.Value));
            }
        }

        foreach (var holiday in spec.Holidays!)
        {
            var date = DateTime.ParseExact(holiday, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

            // Local midnights; none of these zones has a gap or repeat at midnight.
            result.Add((new DateTimeOffset(date, zone.GetUtcOffset(date)), new DateTimeOffset(date.AddDays(1), zone.GetUtcOffset(date.AddDays(1)))));
        }

        return result;
    }
}
