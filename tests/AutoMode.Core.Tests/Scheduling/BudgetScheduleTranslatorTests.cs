using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Scheduling;
using static AutoMode.Core.Tests.Scheduling.ScheduleTestData;

namespace AutoMode.Core.Tests.Scheduling;

public sealed class BudgetScheduleTranslatorTests
{
    private static DisruptionBudgetSpec Budget(string? schedule, string? zone, string? duration = "9h") =>
        new() { Nodes = "0", Schedule = schedule, Duration = duration, TimeZone = zone, Reasons = ["Drifted", "Underutilized"] };

    // reason, zone, local schedule, now, expected UTC schedules ("|"-separated)
    public static TheoryData<string, string, string, string, string> Translations => new()
    {
        { "Tokyo business hours start at midnight UTC", "Asia/Tokyo", "0 9 * * 1-5", "2026-06-01T00:00:00Z", "0 0 * * 1-5" },
        { "Tokyo early morning moves to the previous UTC day", "Asia/Tokyo", "30 8 * * 1-5", "2026-06-01T00:00:00Z", "30 23 * * 0-4" },
        { "Tokyo weekend Sat,Sun morning wraps to Fri,Sat", "Asia/Tokyo", "0 8 * * 0,6", "2026-06-01T00:00:00Z", "0 23 * * 5,6" },
        { "New York (EDT) 20:00 Mon-Fri is Tue-Sat 00:00 UTC", "America/New_York", "0 20 * * 1-5", "2026-07-01T00:00:00Z", "0 0 * * 2-6" },
        { "New York (EST) 20:00 Mon-Fri is Tue-Sat 01:00 UTC", "America/New_York", "0 20 * * 1-5", "2026-01-15T00:00:00Z", "0 1 * * 2-6" },
        { "New York Saturday and Sunday nights wrap to Sunday and Monday", "America/New_York", "0 20 * * 6,0", "2026-07-01T00:00:00Z", "0 0 * * 0,1" },
        { "New York names and day-of-week ranges", "America/New_York", "0 21 * * MON-FRI", "2026-07-01T00:00:00Z", "0 1 * * 2-6" },
        { "Berlin summer (CEST, +2)", "Europe/Berlin", "0 9 * * 1-5", "2026-07-01T00:00:00Z", "0 7 * * 1-5" },
        { "Berlin winter (CET, +1)", "Europe/Berlin", "0 9 * * 1-5", "2026-01-15T00:00:00Z", "0 8 * * 1-5" },
        { "every day keeps * day of week", "Europe/Berlin", "0 0 * * *", "2026-07-01T00:00:00Z", "0 22 * * *" },
        { "macro @daily", "Asia/Tokyo", "@daily", "2026-06-01T00:00:00Z", "0 15 * * *" },
        { "hourly all week stays one budget", "Asia/Tokyo", "0 * * * *", "2026-06-01T00:00:00Z", "0 * * * *" },
        { "hours on weekdays split at the UTC day boundary", "Asia/Tokyo", "0 * * * 1-5", "2026-06-01T00:00:00Z", "0 0-14 * * 1-5|0 15-23 * * 0-4" },
        { "a listed and stepped minute field is kept as written", "Asia/Tokyo", "*/15 9,10 * * 1", "2026-06-01T00:00:00Z", "*/15 0,1 * * 1" },
        { "half-hour offset moves minutes too", "Asia/Kolkata", "0 9 * * 1-5", "2026-06-01T00:00:00Z", "30 3 * * 1-5" },
        { "half-hour offset across midnight", "Asia/Kolkata", "0 2 * * 1", "2026-06-01T00:00:00Z", "30 20 * * 0" },
        { "half-hour offset splits minutes that carry into another hour", "Asia/Kolkata", "15,45 9 * * *", "2026-06-01T00:00:00Z", "45 3 * * *|15 4 * * *" },
        { "day of month kept when no time crosses midnight", "Asia/Tokyo", "0 10 1 * *", "2026-06-01T00:00:00Z", "0 1 1 * *" },
        { "London in winter is UTC: unchanged", "Europe/London", "0 9 * * 1-5", "2026-01-15T00:00:00Z", "0 9 * * 1-5" },
    };

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translate_LocalSchedule_RendersEquivalentUtcSchedules(string reason, string zone, string schedule, string now, string expected)
    {
        var translation = BudgetScheduleTranslator.Translate(Budget(schedule, zone), At(now));

        Assert.True(translation.Error is null, $"{reason}: {translation.Error}");
        Assert.True(
            expected == string.Join('|', translation.Budgets.Select(b => b.Schedule)),
            $"{reason}: got {string.Join('|', translation.Budgets.Select(b => b.Schedule))}");
        Assert.All(translation.Budgets, b => Assert.Equal(("0", "9h", "Drifted,Underutilized"), (b.Nodes, b.Duration, string.Join(',', b.Reasons!))));
    }

    [Theory]
    [InlineData("2026-07-01T00:00:00Z", "2026-10-25T01:00:00Z")]
    [InlineData("2026-01-15T00:00:00Z", "2026-03-29T01:00:00Z")]
    [InlineData("2026-10-25T00:59:59Z", "2026-10-25T01:00:00Z")]
    [InlineData("2026-10-25T01:00:00Z", "2027-03-28T01:00:00Z")]
    public void Translate_Berlin_ValidUntilIsTheExactDstSwitch(string now, string validUntil)
    {
        var translation = BudgetScheduleTranslator.Translate(Budget("0 9 * * 1-5", "Europe/Berlin"), At(now));

        Assert.Equal(At(validUntil), translation.ValidUntil);
    }

    [Fact]
    public void Translate_BerlinAcrossTheSwitch_RendersTheSameLocalTime()
    {
        var summer = BudgetScheduleTranslator.Translate(Budget("0 9 * * 1-5", "Europe/Berlin"), At("2026-10-20T00:00:00Z"));
        var afterSwitch = BudgetScheduleTranslator.Translate(Budget("0 9 * * 1-5", "Europe/Berlin"), summer.ValidUntil!.Value);

        Assert.Equal(("0 7 * * 1-5", "0 8 * * 1-5"), (summer.Budgets.Single().Schedule, afterSwitch.Budgets.Single().Schedule));
    }

    [Theory]
    [InlineData("Asia/Tokyo", "2026-06-01T00:00:00Z")]
    [InlineData("America/Sao_Paulo", "2026-06-01T00:00:00Z")]
    public void Translate_ZoneWithoutDst_HasNoValidUntil(string zone, string now)
    {
        var translation = BudgetScheduleTranslator.Translate(Budget("0 9 * * 1-5", zone), At(now));

        Assert.Null(translation.ValidUntil);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "Asia/Tokyo")]
    [InlineData("0 9 * * 1-5", null)]
    [InlineData("0 9 * * 1-5", "UTC")]
    [InlineData("@weekly", "Etc/UTC")]
    public void Translate_NoScheduleOrUtc_PassesThroughUnchanged(string? schedule, string? zone)
    {
        var translation = BudgetScheduleTranslator.Translate(Budget(schedule, zone), At("2026-06-01T00:00:00Z"));

        var budget = translation.Budgets.Single();
        Assert.Equal(("0", schedule, "9h", "Drifted,Underutilized"), (budget.Nodes, budget.Schedule, budget.Duration, string.Join(',', budget.Reasons!)));
        Assert.Equal((null, null), (translation.ValidUntil, translation.Error));
    }

    [Fact]
    public void Translate_NodesOmitted_DefaultsToKarpentersTenPercent()
    {
        var translation = BudgetScheduleTranslator.Translate(new DisruptionBudgetSpec(), At("2026-06-01T00:00:00Z"));

        Assert.Equal(new RenderedBudget("10%", null, null, null), translation.Budgets.Single());
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        { "day of month crossing midnight", "Asia/Tokyo", "0 8 1 * *" },
        { "month crossing midnight", "America/New_York", "0 22 * 12 *" },
        { "unknown zone", "Nowhere/City", "0 9 * * *" },
        { "six fields", "Asia/Tokyo", "0 0 9 * * *" },
        { "day of week 7", "Asia/Tokyo", "0 9 * * 7" },
        { "minute out of range", "Asia/Tokyo", "60 9 * * *" },
        { "garbage", "Asia/Tokyo", "every day at nine" },
        { "reversed range", "Asia/Tokyo", "0 9 * * 5-1" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Translate_NotExpressible_ReturnsErrorWithoutBudgets(string reason, string zone, string schedule)
    {
        var translation = BudgetScheduleTranslator.Translate(Budget(schedule, zone), At("2026-06-01T00:00:00Z"));

        Assert.True(translation.Error is { Length: > 0 } && translation.Budgets.Count == 0, $"{reason}: got {translation}");
    }

    public static TheoryData<string> Zones => ["Asia/Tokyo", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide", "America/St_Johns", "Pacific/Chatham"];

    [Theory]
    [MemberData(nameof(Zones))]
    public void Translate_ManySchedules_FireAtExactlyTheSameInstantsAsTheLocalCronForAWeek(string zone)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var from = At("2026-06-08T00:00:00Z");
        var to = from.AddDays(7);
        string[] schedules = ["0 9 * * 1-5", "30 8 * * 0,6", "0 * * * 1-5", "15,45 9,22 * * 1,3,5", "*/20 0-3 * * 0", "0 23 * * 6", "* 12 * * 2", "5 0 * * *"];
        foreach (var schedule in schedules)
        {
            var translation = BudgetScheduleTranslator.Translate(Budget(schedule, zone), from);
            Assert.True(translation.Error is null, $"{schedule}: {translation.Error}");

            var local = Cronos.CronExpression.Parse(schedule).GetOccurrences(from, to, tz).ToHashSet();
            var utc = translation.Budgets
                .SelectMany(b => Cronos.CronExpression.Parse(b.Schedule!).GetOccurrences(from, to, TimeZoneInfo.Utc))
                .ToList();

            Assert.True(utc.Count == utc.Distinct().Count(), $"{zone} {schedule}: UTC budgets overlap");
            Assert.True(local.SetEquals(utc), $"{zone} {schedule} -> {string.Join(" | ", translation.Budgets.Select(b => b.Schedule))}");
        }
    }
}
