using Cronos;

namespace AutoMode.Core.Scheduling;

/// <summary>
/// The union of replacement windows in one zone: every schedule hit <c>s</c> of a window opens <c>[s, s + duration)</c>
/// (elapsed time, as Karpenter reads a budget's duration). Answers "open at t?", "until when", "next opening", "last
/// closing" and "latest start", enumerating only the occurrences near t.
/// </summary>
/// <remarks>
/// Occurrences are enumerated forwards with Cronos in the zone, as <see cref="WindowTimeline"/> does for off-hours, so
/// DST is handled the same way everywhere: a start inside a spring-forward gap fires once at the end of the gap, a fixed
/// start inside a fall-back repeat fires once. A window lasts at most <see cref="MaxWindowLength"/> (validation keeps
/// durations there), which bounds every backward search.
/// </remarks>
internal sealed class ReplacementTimeline
{
    public static readonly TimeSpan MaxWindowLength = TimeSpan.FromDays(7);

    /// <summary>How far back a closing or a start is looked for; a window that opens less often is refused by validation.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(400);

    private const int MaxMergeSteps = 2_000;
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly TimeZoneInfo zone;
    private readonly (CronExpression Schedule, TimeSpan Duration)[] windows;

    public ReplacementTimeline(TimeZoneInfo zone, IEnumerable<(CronExpression Schedule, TimeSpan Duration)> windows)
    {
        this.zone = zone;
        this.windows = [.. windows.Select(w => (w.Schedule, w.Duration > MaxWindowLength ? MaxWindowLength : w.Duration))];
    }

    public bool IsEmpty => windows.Length == 0;

    public bool IsOpenAt(DateTimeOffset t) => windows.Any(w => w.Duration > TimeSpan.Zero && LatestIn(w.Schedule, Instants.Add(t, -w.Duration), t) is not null);

    /// <summary>Where the open run containing <paramref name="t"/> ends (merging overlapping and touching windows); null when closed at t or when it never ends.</summary>
    public DateTimeOffset? OpenUntil(DateTimeOffset t)
    {
        var cur = t;
        for (var step = 0; step < MaxMergeSteps; step++)
        {
            DateTimeOffset? end = null;
            foreach (var (schedule, duration) in windows)
            {
                if (duration > TimeSpan.Zero && LatestIn(schedule, Instants.Add(cur, -duration), cur) is { } s)
                {
                    var e = Instants.Add(s, duration);
                    end = end is null || e > end ? e : end;
                }
            }

            if (end is not { } runEnd)
            {
                return step == 0 ? null : cur;
            }

            cur = runEnd;
        }

        return null;
    }

    /// <summary>The first instant after <paramref name="t"/> where a closed period ends and a window opens; null when none within <see cref="LookBack"/>.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset t)
    {
        var from = IsOpenAt(t) ? OpenUntil(t) : t;
        if (from is not { } f)
        {
            return null;
        }

        DateTimeOffset? best = null;
        foreach (var (schedule, _) in windows)
        {
            if (NextAfter(schedule, f) is { } s && s <= Instants.Add(t, LookBack) && (best is null || s < best))
            {
                best = s;
            }
        }

        return best;
    }

    /// <summary>The first window start at or after <paramref name="t"/> (a start inside an open run counts).</summary>
    public DateTimeOffset? NextStartAtOrAfter(DateTimeOffset t)
    {
        DateTimeOffset? best = null;
        foreach (var (schedule, _) in windows)
        {
            // Exclusive from one tick earlier: Cronos' inclusive lookup can miss a start moved to the end of a DST gap.
            if (NextAfter(schedule, Instants.Add(t, -Tick)) is { } s && (best is null || s < best))
            {
                best = s;
            }
        }

        return best;
    }

    /// <summary>The latest window start at or before <paramref name="t"/>; null when none within <see cref="LookBack"/>.</summary>
    public DateTimeOffset? LatestStartAtOrBefore(DateTimeOffset t)
    {
        DateTimeOffset? best = null;
        foreach (var (schedule, _) in windows)
        {
            if (LatestIn(schedule, Instants.Add(t, -LookBack), t) is { } s && (best is null || s > best))
            {
                best = s;
            }
        }

        return best;
    }

    /// <summary>
    /// Where the closed period containing <paramref name="t"/> began (the end of the last window); null when no window
    /// ended within <see cref="LookBack"/>. Requires <c>!IsOpenAt(t)</c>.
    /// </summary>
    public DateTimeOffset? LastClosing(DateTimeOffset t)
    {
        // Closed at t: every window's latest end at or before t is at most the latest of them, and nothing covers the
        // time between that end and t, so that end is where the closed period began.
        DateTimeOffset? best = null;
        foreach (var (schedule, duration) in windows)
        {
            var lastStartEndingByT = Instants.Add(t, -duration);
            if (LatestIn(schedule, Instants.Add(lastStartEndingByT, -LookBack), lastStartEndingByT) is { } s)
            {
                var e = Instants.Add(s, duration);
                best = best is null || e > best ? e : best;
            }
        }

        return best;
    }

    /// <summary>
    /// The longest time from one window start to the next over <paramref name="span"/> from <paramref name="from"/>
    /// (the first start included); null when no window starts in that span. Stops after <paramref name="maxStarts"/>
    /// starts: windows that open that often are never far apart.
    /// </summary>
    public TimeSpan? LongestSpacing(DateTimeOffset from, TimeSpan span, int maxStarts = 200_000)
    {
        var until = Instants.Add(from, span);
        if (NextStartAtOrAfter(from) is not { } previous || previous > until)
        {
            return null;
        }

        var longest = previous - from;
        for (var n = 0; n < maxStarts && previous < until; n++)
        {
            DateTimeOffset? next = null;
            foreach (var (schedule, _) in windows)
            {
                if (NextAfter(schedule, previous) is { } s && (next is null || s < next))
                {
                    next = s;
                }
            }

            if (next is not { } found)
            {
                return TimeSpan.MaxValue;
            }

            longest = found - previous > longest ? found - previous : longest;
            previous = found;
        }

        return longest;
    }

    private DateTimeOffset? NextAfter(CronExpression cron, DateTimeOffset from) => ZonedCron.NextAfter(cron, zone, from);

    private DateTimeOffset? LatestIn(CronExpression cron, DateTimeOffset floor, DateTimeOffset at) => ZonedCron.LatestIn(cron, zone, floor, at);
}
