using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;
using Cronos;

namespace AutoMode.Core.Scheduling;

/// <summary>
/// (spec.lifecycle.replacement, facts, now) -> <see cref="ReplacementState"/>: whether a window is open, the next one,
/// the Drifted budgets that hold drift outside the windows, and the rotation. Pure and total.
/// </summary>
/// <remarks>
/// <para>
/// Budgets. Karpenter takes the most restrictive of the active budgets that name a reason (kubernetes-sigs/karpenter
/// pkg/apis/v1/nodepool.go <c>GetAllowedDisruptionsByReason</c>: the minimum over budgets whose reasons are nil or contain
/// the reason), and a budget with a schedule is active while the last schedule hit is at most <c>duration</c> ago
/// (<c>Budget.IsActive</c>: <c>schedule.Next(now - duration) &lt;= now</c>, UTC only). So "0 outside the windows, N
/// inside" is two Drifted budgets: an always-active <c>maxReplacing</c> one, and a "0" one whose schedule fires at the
/// start of the closed period that contains now (or follows the open window) and whose duration ends exactly at the next
/// window start. That schedule names a UTC minute, hour, day and month, so it fires once; the operator re-renders it at
/// each window start (<see cref="ReplacementState.NextChange"/>), and while a window is open the budget already covers
/// the closed period after it, so the hold starts on time even if the operator is down at the window's end. If the
/// operator stays down past the next window start, nothing holds drift any more (fail-open to graceful drift at
/// maxReplacing, never to a forced expiry). Budgets are <c>hash:"ignore"</c> in Karpenter, so re-rendering them never
/// drifts a node.
/// </para>
/// <para>
/// Rotation. Karpenter's NodePool hash covers the whole <c>spec.template</c> including
/// <c>metadata.annotations</c> (pkg/apis/v1/nodepool.go <c>NodePool.Hash()</c> hashes <c>in.Spec.Template</c> with
/// hashstructure; only <c>requirements</c> and the disruption budgets carry <c>hash:"ignore"</c>), and a NodeClaim whose
/// <c>karpenter.sh/nodepool-hash</c> annotation differs from the pool's is Drifted
/// (pkg/controllers/nodeclaim/disruption/drift.go <c>areStaticFieldsDrifted</c>). So a new value of
/// <see cref="WorkloadClassApi.RotationAnnotation"/> drifts every node, and drift replaces nodes with pre-spun
/// replacements within the budgets above. The rotation is due at the first window start at or after
/// <c>base + rotateEvery</c>, where base is the last rotation (the annotation on the live NodePool, the source of truth)
/// or, for a pool that never rotated, its oldest NodeClaim's creation. Once due, the value is the latest window start
/// at or before now, so an operator that was down at the window start rotates once, not once per missed period.
/// </para>
/// </remarks>
public static class ReplacementPlanner
{
    public const string DefaultMaxReplacing = "1";

    private const string Drifted = "Drifted";

    /// <summary>The state at <paramref name="now"/>; null for a class without replacement windows.</summary>
    public static ReplacementState? Plan(ReplacementSpec? spec, ReplacementFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (spec is null || Timeline(spec) is not { } timeline)
        {
            return null;
        }

        var open = timeline.IsOpenAt(now);
        var openUntil = open ? timeline.OpenUntil(now) : null;
        var nextWindow = timeline.NextOpening(now);

        // The closed period the "0" budget covers: the one containing now, or the one after the open window.
        var gapStart = open ? openUntil : timeline.LastClosing(now) ?? new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var budgets = new List<RenderedBudget> { new(spec.MaxReplacing ?? DefaultMaxReplacing, null, null, [Drifted]) };
        if (gapStart is { } from)
        {
            budgets.Add(Hold(from, nextWindow));
        }

        var (rotation, nextRotation) = Rotation(spec, timeline, facts, now);
        var nextChange = Earliest(open ? openUntil : nextWindow, nextRotation);
        return new ReplacementState(open, openUntil, nextWindow, budgets, rotation, nextRotation, nextChange);
    }

    /// <summary>The rotation value to render and the next rotation start.</summary>
    private static (DateTimeOffset? Rotation, DateTimeOffset? Next) Rotation(ReplacementSpec spec, ReplacementTimeline timeline, ReplacementFacts facts, DateTimeOffset now)
    {
        if (!GoDuration.TryParse(spec.RotateEvery, out var period) || period <= TimeSpan.Zero)
        {
            return (facts.LastRotation, null);
        }

        var baseline = facts.LastRotation ?? facts.OldestNodeCreated;
        if (baseline is not { } b || timeline.NextStartAtOrAfter(Instants.Add(b, period)) is not { } due)
        {
            return (facts.LastRotation, null);
        }

        if (due > now)
        {
            return (facts.LastRotation, due);
        }

        var rotation = timeline.LatestStartAtOrBefore(now) is { } latest && latest >= due ? latest : due;
        return (rotation, timeline.NextStartAtOrAfter(Instants.Add(rotation, period)));
    }

    /// <summary>A "0" Drifted budget from <paramref name="from"/> to the next window start, in UTC; always active when no window ever opens.</summary>
    private static RenderedBudget Hold(DateTimeOffset from, DateTimeOffset? until)
    {
        if (until is not { } end)
        {
            return new RenderedBudget("0", null, null, [Drifted]);
        }

        var start = from.UtcDateTime;
        start = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Utc);

        // Whole minutes (cron and Karpenter's duration pattern have no seconds), rounded up: the hold never ends early.
        var minutes = (long)Math.Ceiling((end.UtcDateTime - start).TotalMinutes);
        var schedule = string.Create(CultureInfo.InvariantCulture, $"{start.Minute} {start.Hour} {start.Day} {start.Month} *");
        return new RenderedBudget("0", schedule, FormatDuration(minutes), [Drifted]);
    }

    /// <summary>Karpenter's budget duration syntax: "94h", "30m" or "1h30m".</summary>
    internal static string FormatDuration(long minutes)
    {
        var hours = minutes / 60;
        var rest = minutes % 60;
        return hours == 0 ? string.Create(CultureInfo.InvariantCulture, $"{rest}m")
            : rest == 0 ? string.Create(CultureInfo.InvariantCulture, $"{hours}h")
            : string.Create(CultureInfo.InvariantCulture, $"{hours}h{rest}m");
    }

    /// <summary>The timeline of the spec's windows; null when the zone or no window can be read (validation reports those).</summary>
    internal static ReplacementTimeline? Timeline(ReplacementSpec spec)
    {
        if (!ZoneResolver.TryFind(spec.TimeZone, out var zone))
        {
            return null;
        }

        var windows = new List<(CronExpression, TimeSpan)>();
        foreach (var window in spec.Windows ?? [])
        {
            if (window?.Schedule is { } cron && CronExpression.TryParse(cron.Trim(), CronFormat.Standard, out var expression)
                && GoDuration.TryParse(window.Duration, out var duration) && duration > TimeSpan.Zero)
            {
                windows.Add((expression, duration));
            }
        }

        return windows.Count == 0 ? null : new ReplacementTimeline(zone, windows);
    }

    /// <summary>The rotation annotation's instant, when it parses.</summary>
    public static DateTimeOffset? ParseRotation(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;

    /// <summary>The annotation value for a rotation instant: RFC 3339 in UTC.</summary>
    public static string FormatRotation(DateTimeOffset rotation) =>
        rotation.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
