using System.Globalization;
using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Scheduling;
using static AutoMode.Core.Validation.ValidationPaths;

namespace AutoMode.Core.Validation;

/// <summary>
/// spec.lifecycle.replacement: the windows, the rotation period, the pace, and the refusal of any configuration where a
/// node can still reach its forced expiry (expireAfter) outside a window.
/// </summary>
/// <remarks>
/// The expiry rule. A node created at c is on the hash of the last rotation R0 &lt;= c (or drifts in R0's windows). The
/// next rotation is due at R0 + rotateEvery and begins at the first window start after that, at most the longest
/// spacing between window starts later; the node then drains within terminationGracePeriod. So
/// rotateEvery + longest spacing + terminationGracePeriod &lt;= expireAfter keeps every forced expiry behind a
/// graceful replacement, provided maxReplacing lets the window reach every node (the pace depends on the node count,
/// which only the cluster knows: the ExpiryOutsideWindow condition reports a node that would not make it).
/// The spacing is measured over <see cref="SpacingSpan"/> from a fixed instant, so `validate` and the operator agree
/// whatever the clock says, and both DST changes of the zone fall inside it.
/// </remarks>
internal static partial class ReplacementRules
{
    private const string P = "spec.lifecycle.replacement";

    /// <summary>Where the window spacing is measured from (a fixed instant: validation has no clock).</summary>
    public static readonly DateTimeOffset SpacingFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A year and a week: every weekday of every month, both DST changes.</summary>
    public static readonly TimeSpan SpacingSpan = TimeSpan.FromDays(373);

    public static void Check(ValidationRun run, LifecycleSpec? lifecycle)
    {
        if (lifecycle?.Replacement is not { } replacement)
        {
            return;
        }

        var before = run.Errors.Count;
        if (replacement.TimeZone is not null)
        {
            ScheduleSyntax.TimeZone(run, $"{P}.timeZone", replacement.TimeZone);
        }

        if (run.List($"{P}.windows", replacement.Windows, 20, required: true, "add at least one window (schedule and duration)", nonEmpty: true))
        {
            for (var i = 0; i < replacement.Windows!.Count; i++)
            {
                Window(run, Index($"{P}.windows", i), replacement.Windows[i]);
            }
        }

        TimeSpan period = default;
        if (replacement.RotateEvery is null)
        {
            run.Add($"{P}.rotateEvery", "is required; give how often every node is replaced, e.g. 168h (weekly)");
        }
        else if (replacement.RotateEvery.Length > 16 || !KubeDuration.TryParse(replacement.RotateEvery, out period) || period < TimeSpan.FromHours(1))
        {
            run.Add($"{P}.rotateEvery", $"{Q(replacement.RotateEvery)} is not a duration of at least 1h; write e.g. 168h");
        }

        if (replacement.MaxReplacing is { } pace && !(pace.Length <= 8 && MaxReplacing().IsMatch(pace)))
        {
            run.Add($"{P}.maxReplacing", $"{Q(pace)} is not a count of at least 1 or a percentage of 1-100%; write e.g. \"1\" or \"20%\"");
        }

        if (run.Errors.Count == before)
        {
            Expiry(run, lifecycle, replacement, period);
        }
    }

    private static void Window(ValidationRun run, string at, ReplacementWindowSpec? window)
    {
        if (window is null)
        {
            run.Add(at, "is null; give schedule and duration");
            return;
        }

        if (window.Schedule is null)
        {
            run.Add(Field(at, "schedule"), "is required; give a 5-field cron such as \"0 4 * * 1-4\"");
        }
        else
        {
            ScheduleSyntax.Cron(run, Field(at, "schedule"), window.Schedule);
        }

        if (window.Duration is null)
        {
            run.Add(Field(at, "duration"), "is required; give how long the window stays open, e.g. 2h");
        }
        else if (!(window.Duration.Length <= 16 && WindowDuration().IsMatch(window.Duration))
            || !KubeDuration.TryParse(window.Duration, out var length) || length <= TimeSpan.Zero || length > ReplacementTimeline.MaxWindowLength)
        {
            run.Add(Field(at, "duration"), $"{Q(window.Duration)} is not hours and/or minutes between 1m and 168h; write e.g. 2h or 1h30m");
        }
    }

    private static void Expiry(ValidationRun run, LifecycleSpec lifecycle, ReplacementSpec replacement, TimeSpan period)
    {
        var expireText = lifecycle.ExpireAfter ?? WorkloadClassValidator.DefaultExpireAfter;
        var graceText = lifecycle.TerminationGracePeriod ?? WorkloadClassValidator.DefaultTerminationGracePeriod;
        if (!KubeDuration.TryParse(expireText, out var expireAfter) || !KubeDuration.TryParse(graceText, out var grace))
        {
            return; // The lifecycle rules report these.
        }

        var spacing = ReplacementPlanner.Timeline(replacement)?.LongestSpacing(SpacingFrom, SpacingSpan);
        if (spacing is not { } longest || longest > SpacingSpan)
        {
            run.Add($"{P}.windows", "no window opens within a year; give a schedule that opens at least every few days, e.g. \"0 4 * * 1-4\"");
            return;
        }

        var total = period + longest + grace;
        if (total > expireAfter)
        {
            var room = expireAfter - longest - grace;
            var shorten = room >= TimeSpan.FromHours(1)
                ? $"shorten rotateEvery to at most {Hours(room)}"
                : "add windows so one opens more often";
            run.Add($"{P}.rotateEvery",
                $"rotateEvery {Q(replacement.RotateEvery)} + the longest wait for a window start ({Hours(longest)}) + terminationGracePeriod {Q(graceText)} is {Hours(total)}, " +
                $"more than expireAfter {Q(expireText)}: a node could reach its forced expiry outside a window; {shorten}, add windows so they open more often, " +
                $"or raise expireAfter (at most {Hours(WorkloadClassValidator.MaxNodeLifetime - grace)} with this terminationGracePeriod)");
        }
    }

    private static string Hours(TimeSpan span) =>
        span.Minutes == 0
            ? $"{((long)span.TotalHours).ToString(CultureInfo.InvariantCulture)}h"
            : $"{((long)span.TotalHours).ToString(CultureInfo.InvariantCulture)}h{span.Minutes.ToString(CultureInfo.InvariantCulture)}m";

    [GeneratedRegex(@"^(([1-9][0-9]?|100)%|[1-9][0-9]*)\z")]
    private static partial Regex MaxReplacing();

    // Karpenter's budget duration syntax (hours and/or minutes), since windows render to budgets.
    [GeneratedRegex(@"^(([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?\z")]
    private static partial Regex WindowDuration();
}
