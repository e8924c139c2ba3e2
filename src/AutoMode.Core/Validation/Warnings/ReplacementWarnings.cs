using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Scheduling;

namespace AutoMode.Core.Validation.Warnings;

/// <summary>
/// A replacement window that opens while off-hours holds the NodePool limits at zero: no replacement node can launch
/// then, and drift never takes a node without launching its replacement first, so that window replaces nothing.
/// </summary>
internal static class ReplacementWarnings
{
    private const int MaxStarts = 1_000;

    public static void Add(V1Alpha1WorkloadClassSpec? spec, List<ValidationError> warnings)
    {
        if (spec?.OffHours is not { Windows.Count: > 0 } offHours || spec.Lifecycle?.Replacement is not { } replacement
            || ReplacementPlanner.Timeline(replacement) is not { } timeline)
        {
            return;
        }

        // Scheduled windows only: a holiday on a window day is a choice, not a contradiction. Suspend and overrides are
        // moments, not the schedule.
        var schedule = new OffHoursSpec { TimeZone = offHours.TimeZone, Windows = offHours.Windows };
        var from = ReplacementRules.SpacingFrom;
        var until = from + ReplacementRules.SpacingSpan;
        var start = timeline.NextStartAtOrAfter(from);
        for (var n = 0; n < MaxStarts && start is { } s && s < until; n++)
        {
            if (OffHoursSchedule.Evaluate(schedule, DateTimeOffset.MinValue, s, null).Active)
            {
                var zone = ZoneResolver.TryFind(replacement.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
                var local = TimeZoneInfo.ConvertTime(s, zone).ToString("ddd HH:mm", CultureInfo.InvariantCulture);
                warnings.Add(new("spec.lifecycle.replacement.windows",
                    $"a window opens at {local} ({replacement.TimeZone ?? "UTC"}) while offHours holds the NodePool limits at zero: no replacement node can launch then, " +
                    "so that window replaces nothing; move the window outside the off-hours windows"));
                return;
            }

            start = timeline.NextStartAtOrAfter(s.AddTicks(1));
        }
    }
}
