using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Scheduling;

/// <summary>
/// Renders a disruption budget written in a local time zone to Karpenter's UTC-only budget schedule, for the UTC
/// offset in force now. The operator re-renders at <see cref="BudgetTranslation.ValidUntil"/> (the next offset change).
/// </summary>
/// <remarks>
/// Supported, exactly: any minute and hour fields (values, lists, ranges, steps, <c>*</c>), any day-of-week field,
/// and the <c>@daily</c>-style macros. Each local (hour, minute) moves to UTC with its own day shift; the day-of-week
/// set moves with it, and the result is split into as many UTC budgets as needed (budgets with the same
/// <c>nodes</c> combine as a union of their windows, so the split is exact). Day-of-month and month restrictions are
/// kept only when no time crosses midnight; otherwise the translation fails with an error, since a day shift at a
/// month's end is not expressible in one cron. <c>duration</c> is elapsed time and passes through unchanged.
/// During the DST night itself a budget that is already running keeps Karpenter's elapsed-time duration.
/// </remarks>
public static class BudgetScheduleTranslator
{
    /// <summary>How far ahead ValidUntil is searched; zones without DST get null.</summary>
    public static readonly TimeSpan LookAhead = TimeSpan.FromDays(400);

    private const string DefaultNodes = "10%";
    private const int MinutesPerDay = 24 * 60;

    /// <summary>Never throws for any budget content; what cannot be translated comes back as <see cref="BudgetTranslation.Error"/>.</summary>
    public static BudgetTranslation Translate(DisruptionBudgetSpec budget, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var nodes = budget.Nodes ?? DefaultNodes;
        IReadOnlyList<string>? reasons = budget.Reasons is null ? null : [.. budget.Reasons];
        var passThrough = new BudgetTranslation([new RenderedBudget(nodes, budget.Schedule, budget.Duration, reasons)], null);

        if (string.IsNullOrWhiteSpace(budget.Schedule))
        {
            return passThrough;
        }

        if (!ZoneResolver.TryFind(budget.TimeZone, out var zone))
        {
            return Fail($"timeZone: unknown time zone \"{budget.TimeZone}\"");
        }

        if (zone == TimeZoneInfo.Utc)
        {
            return passThrough;
        }

        var offset = zone.GetUtcOffset(now);
        var validUntil = ZoneOffsets.NextChange(zone, now, LookAhead);
        if (offset == TimeSpan.Zero)
        {
            return passThrough with { ValidUntil = validUntil };
        }

        var fields = Expand(budget.Schedule.Trim()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            return Fail($"schedule: \"{budget.Schedule}\" is not a 5-field cron expression");
        }

        var minutes = CronFieldSet.Parse(fields[0], 0, 59);
        var hours = CronFieldSet.Parse(fields[1], 0, 23);
        var anyDayOfWeek = CronFieldSet.IsAny(fields[4]);
        var daysOfWeek = anyDayOfWeek ? null : CronFieldSet.Parse(fields[4], 0, 6, dayOfWeek: true);
        var daysOfMonth = CronFieldSet.Parse(fields[2].Replace('?', '*'), 1, 31);
        var months = CronFieldSet.Parse(fields[3], 1, 12, month: true);
        if (minutes is null || hours is null || (!anyDayOfWeek && daysOfWeek is null) || daysOfMonth is null || months is null)
        {
            return Fail($"schedule: \"{budget.Schedule}\" is not a standard 5-field cron (values, ranges, steps and lists; day of week 0-6)");
        }

        // Every local time of day moves by the same offset; its day shift decides the day-of-week set in UTC.
        var offsetMinutes = (int)offset.TotalMinutes;
        var moved = new List<(int Minute, int Hour, string DaysOfWeek)>();
        var crossesMidnight = false;
        foreach (var hour in hours)
        {
            foreach (var minute in minutes)
            {
                var total = (hour * 60) + minute - offsetMinutes;
                var dayShift = (int)Math.Floor(total / (double)MinutesPerDay);
                var utc = total - (dayShift * MinutesPerDay);
                crossesMidnight |= dayShift != 0;
                var days = anyDayOfWeek
                    ? fields[4]
                    : CronFieldSet.Render(daysOfWeek!.Select(d => (((d + dayShift) % 7) + 7) % 7), 0, 6);
                moved.Add((utc % 60, utc / 60, days));
            }
        }

        var restrictsDays = !CronFieldSet.IsAny(fields[2]) || !CronFieldSet.IsAny(fields[3]);
        if (restrictsDays && crossesMidnight)
        {
            return Fail(
                $"schedule: \"{budget.Schedule}\" restricts day of month or month, and some of its times cross midnight at "
                + $"UTC{FormatOffset(offset)}; only day-of-week restrictions can move across midnight (use day of week, or a time that stays on the same UTC day)");
        }

        // Exact cover of the moved times by products minute-set x hour-set, per day-of-week set.
        var rendered = moved
            .GroupBy(t => (t.DaysOfWeek, t.Minute))
            .Select(g => (g.Key.DaysOfWeek, g.Key.Minute, Hours: CronFieldSet.Render(g.Select(t => t.Hour), 0, 23), FirstHour: g.Min(t => t.Hour)))
            .GroupBy(t => (t.DaysOfWeek, t.Hours))
            .Select(g => (
                Schedule: $"{RenderMinutes(g.Select(t => t.Minute), minutes, fields[0])} {g.Key.Hours} {fields[2]} {fields[3]} {g.Key.DaysOfWeek}",
                FirstHour: g.Min(t => t.FirstHour),
                FirstMinute: g.Min(t => t.Minute)))
            .OrderBy(b => b.FirstHour)
            .ThenBy(b => b.FirstMinute)
            .ThenBy(b => b.Schedule, StringComparer.Ordinal)
            .Select(b => new RenderedBudget(nodes, b.Schedule, budget.Duration, reasons))
            .ToList();
        return new BudgetTranslation(rendered, validUntil);
    }

    private static BudgetTranslation Fail(string error) => new([], null, error);

    // Keep the user's own spelling when the minutes did not move (whole-hour offsets).
    private static string RenderMinutes(IEnumerable<int> utcMinutes, SortedSet<int> localMinutes, string localField)
    {
        var set = utcMinutes.ToHashSet();
        return set.SetEquals(localMinutes) ? localField : CronFieldSet.Render(set, 0, 59);
    }

    private static string Expand(string schedule) => schedule switch
    {
        "@yearly" or "@annually" => "0 0 1 1 *",
        "@monthly" => "0 0 1 * *",
        "@weekly" => "0 0 * * 0",
        "@daily" or "@midnight" => "0 0 * * *",
        "@hourly" => "0 * * * *",
        _ => schedule,
    };

    private static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
