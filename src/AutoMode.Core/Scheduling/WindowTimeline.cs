using Cronos;

namespace AutoMode.Core.Scheduling;

/// <summary>
/// The union of off-hours intervals in one zone: every window start <c>s</c> opens <c>[s, next end after s)</c>, every
/// holiday covers its local day. Answers "down at t?", "next flip after t" and "when did the current run begin",
/// exactly, without enumerating more than the occurrences near t.
/// </summary>
/// <remarks>
/// Bounds, so every answer is computed in bounded time:
/// <list type="bullet">
/// <item>A window lasts at most <see cref="MaxWindowLength"/>: when its end cron does not fire within 400 days of a
/// start, capacity comes back 400 days after that start. This is what lets a start older than 400 days be ignored.</item>
/// <item>Walking a run of back-to-back intervals stops after <see cref="MaxMergeSteps"/> intervals (the answer is then
/// "unknown"); only degenerate schedules such as start and end both <c>* * * * *</c> get there.</item>
/// </list>
/// Occurrences are only ever enumerated forwards with Cronos, so DST handling is Cronos' own and consistent
/// everywhere: a time inside a spring-forward gap fires once at the end of the gap, a fixed time inside a fall-back
/// repeat fires once (on its first pass), an interval expression fires on both passes.
/// </remarks>
internal sealed class WindowTimeline
{
    public static readonly TimeSpan MaxWindowLength = TimeSpan.FromDays(400);
    public const int MaxMergeSteps = 2_000;

    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly TimeZoneInfo zone;
    private readonly (CronExpression Start, CronExpression End)[] windows;
    private readonly (DateTimeOffset Start, DateTimeOffset End)[] holidays;

    public WindowTimeline(
        TimeZoneInfo zone,
        IEnumerable<(CronExpression Start, CronExpression End)> windows,
        IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> holidays)
    {
        this.zone = zone;
        this.windows = [.. windows];
        this.holidays = [.. holidays.OrderBy(h => h.Start)];
    }

    public bool IsEmpty => windows.Length == 0 && holidays.Length == 0;

    public bool IsDownAt(DateTimeOffset t) => IsHolidayAt(t) || Enumerable.Range(0, windows.Length).Any(w => CoveringEnd(w, t) is not null);

    public bool IsHolidayAt(DateTimeOffset t) => holidays.Any(h => h.Start <= t && t < h.End);

    /// <summary>The first instant after <paramref name="t"/> where down/up flips; null beyond <paramref name="horizon"/>.</summary>
    public DateTimeOffset? NextFlip(DateTimeOffset t, DateTimeOffset horizon)
    {
        if (!IsDownAt(t))
        {
            var next = NextDownStart(t);
            return next is { } n && n <= horizon ? n : null;
        }

        var cur = t;
        for (var step = 0; step < MaxMergeSteps; step++)
        {
            // The furthest end among intervals covering cur; the run continues if another interval covers that end.
            var end = cur;
            for (var w = 0; w < windows.Length; w++)
            {
                if (CoveringEnd(w, cur) is { } e && e > end)
                {
                    end = e;
                }
            }

            foreach (var h in holidays)
            {
                if (h.Start <= cur && cur < h.End && h.End > end)
                {
                    end = h.End;
                }
            }

            if (end > horizon)
            {
                return null;
            }

            if (!IsDownAt(end))
            {
                return end;
            }

            cur = end;
        }

        return null;
    }

    /// <summary>
    /// Where the down run containing <paramref name="t"/> began; null when it began before
    /// <paramref name="floor"/>. Requires <c>IsDownAt(t)</c>.
    /// </summary>
    public DateTimeOffset? DownSince(DateTimeOffset t, DateTimeOffset floor)
    {
        var cur = t;
        for (var step = 0; step < MaxMergeSteps; step++)
        {
            var begin = cur;
            for (var w = 0; w < windows.Length; w++)
            {
                if (CoveringEnd(w, cur) is not null && EarliestCoveringStart(w, cur) is { } s && s < begin)
                {
                    begin = s;
                }
            }

            foreach (var h in holidays)
            {
                if (h.Start <= cur && cur < h.End && h.Start < begin)
                {
                    begin = h.Start;
                }
            }

            if (begin < floor)
            {
                return null;
            }

            var justBefore = Instants.Add(begin, -Tick);
            if (!IsDownAt(justBefore))
            {
                return begin;
            }

            cur = justBefore;
        }

        return null;
    }

    /// <summary>
    /// Where the up run containing <paramref name="t"/> began (the end of the last down interval); null when it began
    /// before <paramref name="floor"/> or no down interval ended since. Requires <c>!IsDownAt(t)</c> and
    /// <c>t - floor &lt;= MaxWindowLength</c>.
    /// </summary>
    public DateTimeOffset? UpSince(DateTimeOffset t, DateTimeOffset floor)
    {
        DateTimeOffset? latest = null;

        // An interval ending after floor started after floor - MaxWindowLength.
        var startFloor = Instants.Add(floor, -MaxWindowLength);
        for (var w = 0; w < windows.Length; w++)
        {
            if (LatestIn(windows[w].Start, startFloor, t) is { } s)
            {
                var e = EndOf(w, s);
                if (e <= t && (latest is null || e > latest))
                {
                    latest = e;
                }
            }
        }

        foreach (var h in holidays)
        {
            if (h.End <= t && (latest is null || h.End > latest))
            {
                latest = h.End;
            }
        }

        return latest is { } l && l >= floor ? l : null;
    }

    private DateTimeOffset? NextDownStart(DateTimeOffset t)
    {
        DateTimeOffset? best = null;
        foreach (var (start, _) in windows)
        {
            if (NextAfter(start, t) is { } s && (best is null || s < best))
            {
                best = s;
            }
        }

        foreach (var h in holidays)
        {
            if (h.Start > t && (best is null || h.Start < best))
            {
                best = h.Start;
            }
        }

        return best;
    }

    /// <summary>If window <paramref name="w"/> covers <paramref name="t"/>, the furthest end of its intervals covering t.</summary>
    private DateTimeOffset? CoveringEnd(int w, DateTimeOffset t)
    {
        // Intervals are at most MaxWindowLength long, so only a start after t - MaxWindowLength can cover t, and the
        // latest start has the furthest end.
        if (LatestIn(windows[w].Start, Instants.Add(t, -MaxWindowLength), t) is not { } s)
        {
            return null;
        }

        var end = EndOf(w, s);
        return end > t ? end : null;
    }

    /// <summary>The earliest start of an interval of window <paramref name="w"/> covering <paramref name="t"/>.</summary>
    private DateTimeOffset? EarliestCoveringStart(int w, DateTimeOffset t)
    {
        // [s, E(s)) covers t iff s > t - MaxWindowLength and no end fires in (s, t], i.e. s >= the last end <= t.
        var floor = Instants.Add(t, -MaxWindowLength);
        return LatestIn(windows[w].End, floor, t) is { } lastEnd
            ? NextAtOrAfter(windows[w].Start, lastEnd)
            : NextAfter(windows[w].Start, floor);
    }

    private DateTimeOffset EndOf(int w, DateTimeOffset start)
    {
        var cap = Instants.Add(start, MaxWindowLength);
        return NextAfter(windows[w].End, start) is { } e && e < cap ? e : cap;
    }

    private DateTimeOffset? NextAfter(CronExpression cron, DateTimeOffset from) => ZonedCron.NextAfter(cron, zone, from);

    // Cronos' inclusive lookup misses an occurrence moved to the end of a spring-forward gap when `from` is exactly
    // that instant; exclusive from one tick earlier finds it.
    private DateTimeOffset? NextAtOrAfter(CronExpression cron, DateTimeOffset from) => NextAfter(cron, Instants.Add(from, -Tick));

    private DateTimeOffset? LatestIn(CronExpression cron, DateTimeOffset floor, DateTimeOffset at) => ZonedCron.LatestIn(cron, zone, floor, at);
}
