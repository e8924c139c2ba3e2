using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Scheduling;

namespace AutoMode.Operator.Cli;

/// <summary>
/// What `render` says about time at one instant: the off-hours state and the next transitions (in the class's zone,
/// with its offset), and how zoned disruption budgets were rendered to UTC, as YAML comments before the NodePool.
/// </summary>
internal static class OffHoursPreview
{
    /// <summary>
    /// The creation instant `render` assumes: the file's creationTimestamp if it has one; otherwise the class is taken
    /// as long-existing (the grace period is ignored), since a class rendered from a file does not exist yet.
    /// </summary>
    public static DateTimeOffset CreatedAt(V1Alpha1WorkloadClass workloadClass)
    {
        ArgumentNullException.ThrowIfNull(workloadClass);
        return workloadClass.Metadata?.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : DateTimeOffset.MinValue;
    }

    /// <summary>Comment lines (each starting with "# ") for the class's plan at <paramref name="at"/>; empty when there is nothing to say.</summary>
    public static IReadOnlyList<string> Comments(V1Alpha1WorkloadClass workloadClass, DateTimeOffset at, DesiredPlan plan)
    {
        ArgumentNullException.ThrowIfNull(workloadClass);
        ArgumentNullException.ThrowIfNull(plan);
        var lines = new List<string>();
        if (plan.OffHours is { } state)
        {
            var spec = workloadClass.Spec.OffHours!;
            var zone = Zone(spec.TimeZone);
            var line = state.Active
                ? $"# off-hours: active{Since(state, zone)} ({state.Reason}); NodePool limits held at cpu \"0\", memory \"0\""
                : $"# off-hours: inactive ({state.Reason})";
            if (plan.Override is { } manual)
            {
                line += $"; override {manual}";
            }

            line += Next(workloadClass, spec, state, zone);
            lines.Add(line);
        }

        var zoned = plan.Budgets.Where(b => !string.IsNullOrEmpty(b.Spec.TimeZone) && b.Spec.Schedule is not null && b.Translation.Error is null);
        foreach (var (_, budget, translation) in zoned)
        {
            var zone = Zone(budget.TimeZone);
            var offset = zone.GetUtcOffset(at);
            var until = translation.ValidUntil is { } u ? $", valid until {Format(u, zone)} (the zone's next UTC offset change; the operator re-renders then)" : "";
            lines.Add($"# disruption budget \"{budget.Schedule}\" in {budget.TimeZone} (UTC{Offset(offset)}) rendered to UTC as "
                + string.Join(", ", translation.Budgets.Select(b => $"\"{b.Schedule}\"")) + until);
        }

        return lines;
    }

    private static string Next(V1Alpha1WorkloadClass workloadClass, OffHoursSpec spec, OffHoursState state, TimeZoneInfo zone)
    {
        if (state.NextTransition is not { } first)
        {
            return "; no transition within " + OffHoursSchedule.LookAhead.TotalDays.ToString(CultureInfo.InvariantCulture) + " days";
        }

        var text = $"; next {(state.Active ? "up" : "down")} {Format(first, zone)}";
        var after = OffHoursSchedule.Evaluate(spec, CreatedAt(workloadClass), first, DesiredPlanner.OverrideOf(workloadClass));
        if (after.NextTransition is { } second)
        {
            text += $", then {(after.Active ? "up" : "down")} {Format(second, zone)}";
        }

        return text;
    }

    private static string Since(OffHoursState state, TimeZoneInfo zone) => state.Since is { } since ? " since " + Format(since, zone) : "";

    private static TimeZoneInfo Zone(string? id) =>
        !string.IsNullOrEmpty(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Local time in the zone with its offset, e.g. 2026-11-24T20:00+09:00 (seconds only when not zero).</summary>
    internal static string Format(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var time = local.Second == 0 && local.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss";
        return local.ToString(time, CultureInfo.InvariantCulture) + Offset(local.Offset);
    }

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
