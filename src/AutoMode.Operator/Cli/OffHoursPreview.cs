using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Scheduling;

namespace AutoMode.Operator.Cli;

/// <summary>
/// What `render` says about time at one instant: the off-hours state and the next transitions (in the class's zone,
/// with its offset), and how zoned disruption budgets were rendered to UTC, as YAML comments before the NodePool.
/// </summary>
internal static class OffHoursPreview
{
    /// <summary>The off-hours state at <paramref name="at"/>, or null for a class without offHours.</summary>
    /// <remarks>
    /// The class does not exist yet when rendered from a file, so the grace period counts from its
    /// creationTimestamp if the file has one and is ignored otherwise (the state of a long-existing class).
    /// </remarks>
    public static OffHoursState? Evaluate(V1Alpha1WorkloadClass workloadClass, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(workloadClass);
        if (workloadClass.Spec?.OffHours is not { } spec)
        {
            return null;
        }

        var created = workloadClass.Metadata?.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : DateTimeOffset.MinValue;
        return OffHoursSchedule.Evaluate(spec, created, at, Override(workloadClass));
    }

    /// <summary>Comment lines (each starting with "# ") for the class at <paramref name="at"/>; empty when there is nothing to say.</summary>
    public static IReadOnlyList<string> Comments(
        V1Alpha1WorkloadClass workloadClass, DateTimeOffset at, IReadOnlyList<(DisruptionBudgetSpec Budget, BudgetTranslation Translation)> budgets)
    {
        ArgumentNullException.ThrowIfNull(workloadClass);
        ArgumentNullException.ThrowIfNull(budgets);
        var lines = new List<string>();
        if (Evaluate(workloadClass, at) is { } state)
        {
            var spec = workloadClass.Spec.OffHours!;
            var zone = Zone(spec.TimeZone);
            var line = state.Active
                ? $"# off-hours: active{Since(state, zone)} ({state.Reason}); NodePool limits held at cpu \"0\", memory \"0\""
                : $"# off-hours: inactive ({state.Reason})";
            if (Override(workloadClass) is { } manual && manual.IsInForceAt(at))
            {
                line += $"; override {manual.Describe()}";
            }

            line += Next(workloadClass, spec, state, zone);
            lines.Add(line);
        }

        var zoned = budgets.Where(b => !string.IsNullOrEmpty(b.Budget.TimeZone) && b.Budget.Schedule is not null && b.Translation.Error is null);
        foreach (var (budget, translation) in zoned)
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
        var created = workloadClass.Metadata?.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : DateTimeOffset.MinValue;
        var after = OffHoursSchedule.Evaluate(spec, created, first, Override(workloadClass));
        if (after.NextTransition is { } second)
        {
            text += $", then {(after.Active ? "up" : "down")} {Format(second, zone)}";
        }

        return text;
    }

    private static string Since(OffHoursState state, TimeZoneInfo zone) => state.Since is { } since ? " since " + Format(since, zone) : "";

    private static OffHoursOverride? Override(V1Alpha1WorkloadClass workloadClass)
    {
        var annotations = workloadClass.Metadata?.Annotations;
        var value = annotations is not null && annotations.TryGetValue(WorkloadClassApi.OffHoursOverrideAnnotation, out var v) ? v : null;
        return OffHoursOverride.TryParse(value, out var manual, out _) ? manual : null;
    }

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
