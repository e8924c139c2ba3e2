using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Scheduling;

namespace AutoMode.Operator.Cli;

/// <summary>
/// What `render` says about replacement windows at one instant, as YAML comments before the NodePool: whether a window
/// is open, the next one (in the class's zone), the drift hold rendered in UTC, and the rotation state.
/// </summary>
internal static class ReplacementPreview
{
    public static IReadOnlyList<string> Comments(V1Alpha1WorkloadClass workloadClass, DesiredPlan plan)
    {
        ArgumentNullException.ThrowIfNull(workloadClass);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Replacement is not { } state || workloadClass.Spec?.Lifecycle?.Replacement is not { } spec)
        {
            return [];
        }

        var zone = !string.IsNullOrEmpty(spec.TimeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(spec.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var pace = spec.MaxReplacing ?? ReplacementPlanner.DefaultMaxReplacing;
        var window = state.Open
            ? $"# replacement windows: open{Until(state.OpenUntil, zone)}, drift proceeds at {pace} at a time"
            : "# replacement windows: closed, drift held";
        window += state.NextWindow is { } next ? $"; next window {OffHoursPreview.Format(next, zone)}" : "; no window within 400 days";
        var lines = new List<string> { window };
        if (state.Budgets.FirstOrDefault(b => b.Nodes == "0") is { Schedule: { } schedule } hold)
        {
            lines.Add($"# drift hold: Drifted budget \"0\" at UTC \"{schedule}\" for {hold.Duration}, ending at the next window start (re-rendered then)");
        }

        lines.Add(state.Rotation is { } rotation
            ? $"# rotation: last {OffHoursPreview.Format(rotation, zone)}, next {Next(state.NextRotation, zone)} (every {spec.RotateEvery}, at the first window start after)"
            : $"# rotation: every {spec.RotateEvery} at the first window start after the last rotation, read from the live NodePool's "
              + $"{WorkloadClassApi.RotationAnnotation} annotation (or the oldest node); render sees no cluster, so none is rendered");
        return lines;
    }

    private static string Until(DateTimeOffset? end, TimeZoneInfo zone) => end is { } e ? " until " + OffHoursPreview.Format(e, zone) : "";

    private static string Next(DateTimeOffset? next, TimeZoneInfo zone) => next is { } n ? OffHoursPreview.Format(n, zone) : "not scheduled";
}
