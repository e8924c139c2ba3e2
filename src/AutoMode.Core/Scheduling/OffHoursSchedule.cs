using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;
using Cronos;

namespace AutoMode.Core.Scheduling;

/// <summary>
/// The off-hours schedule as a pure function of (spec, class creation time, now, override). Nothing is remembered:
/// the same inputs always give the same state, so a restarted operator converges to the same answer.
/// </summary>
/// <remarks>
/// Precedence: <c>suspend</c> (never down) &gt; an unreadable schedule (never down, reason InvalidSchedule) &gt; an
/// override in force &gt; the grace period (no scale-down before creation + gracePeriod) &gt; windows and holidays.
/// Each window is down from every <c>start</c> occurrence to the next <c>end</c> occurrence after it, in the
/// schedule's zone; windows and holidays form a union, and a transition is reported only where the union flips.
/// A holiday is down from the first instant of that local date to the first instant of the next one.
/// Bounds: <see cref="LookAhead"/> for <see cref="OffHoursState.NextTransition"/> and <see cref="LookBack"/> for
/// <see cref="OffHoursState.Since"/>; a window lasts at most <see cref="LookBack"/> (see <see cref="WindowTimeline"/>).
/// </remarks>
public static class OffHoursSchedule
{
    /// <summary>No transition further than this from now is reported (NextTransition is then null). Covers yearly windows.</summary>
    public static readonly TimeSpan LookAhead = TimeSpan.FromDays(400);

    /// <summary>A state that began longer ago than this has an unknown Since (null); also the longest window.</summary>
    public static readonly TimeSpan LookBack = WindowTimeline.MaxWindowLength;

    /// <summary>Never throws for any spec content; an unreadable schedule yields reason InvalidSchedule and stays up.</summary>
    public static OffHoursState Evaluate(OffHoursSpec spec, DateTimeOffset classCreatedAt, DateTimeOffset now, OffHoursOverride? manualOverride)
    {
        ArgumentNullException.ThrowIfNull(spec);
        now = now.ToUniversalTime();
        classCreatedAt = classCreatedAt.ToUniversalTime();

        if (spec.Suspend == true)
        {
            return new OffHoursState(false, null, null, OffHoursReasons.Suspended, "spec.offHours.suspend is true");
        }

        if (!TryCompile(spec, out var timeline, out var grace, out var error))
        {
            return new OffHoursState(false, null, null, OffHoursReasons.InvalidSchedule, error);
        }

        var baseline = new Baseline(timeline, classCreatedAt, Instants.Add(classCreatedAt, grace), Instants.Add(now, LookAhead));

        if (manualOverride is { } forced && forced.IsInForceAt(now))
        {
            var down = forced.Mode == OffHoursOverrideMode.Down;
            var until = forced.Until.ToUniversalTime();
            var next = baseline.IsDownAt(until) != down ? until : baseline.NextFlip(until);

            // When the override was set is unknowable; if the schedule agrees with it, the state began with the schedule's.
            var since = baseline.IsDownAt(now) == down ? baseline.Since(now) : null;
            return new OffHoursState(
                down,
                since,
                next,
                down ? OffHoursReasons.OverrideDown : OffHoursReasons.OverrideUp,
                $"override {forced.Describe()}");
        }

        if (timeline.IsEmpty)
        {
            var upSince = classCreatedAt <= now ? classCreatedAt : (DateTimeOffset?)null;
            return new OffHoursState(false, AfterEndedOverride(upSince, false, manualOverride), null, OffHoursReasons.NoWindows);
        }

        var active = baseline.IsDownAt(now);
        var reason = active
            ? (timeline.IsHolidayAt(now) ? OffHoursReasons.Holiday : OffHoursReasons.Scheduled)
            : (now < baseline.GraceEnd ? OffHoursReasons.GracePeriod : OffHoursReasons.OutsideWindow);
        return new OffHoursState(active, AfterEndedOverride(baseline.Since(now), active, manualOverride), baseline.NextFlip(now), reason);
    }

    /// <summary>
    /// When capacity really entered its current state: an override that has ended held the opposite state until its
    /// end, so the state cannot be older than that end (an up-until over a holiday: down since the override ended,
    /// not since the holiday began; a down-until: up since it ended, not since the class was created).
    /// </summary>
    private static DateTimeOffset? AfterEndedOverride(DateTimeOffset? since, bool active, OffHoursOverride? manualOverride)
    {
        if (manualOverride is not { } ended || (ended.Mode == OffHoursOverrideMode.Down) == active)
        {
            return since;
        }

        var end = ended.Until.ToUniversalTime();
        return since is { } s && s > end ? s : end;
    }

    private static bool TryCompile(OffHoursSpec spec, out WindowTimeline timeline, out TimeSpan grace, out string error)
    {
        timeline = null!;
        grace = TimeSpan.Zero;
        error = string.Empty;

        if (!ZoneResolver.TryFind(spec.TimeZone, out var zone))
        {
            error = $"spec.offHours.timeZone: unknown time zone \"{spec.TimeZone}\"";
            return false;
        }

        var windows = new List<(CronExpression, CronExpression)>();
        for (var i = 0; i < (spec.Windows?.Count ?? 0); i++)
        {
            var window = spec.Windows![i];
            if (!TryParseCron(window?.Start, $"spec.offHours.windows[{i}].start", out var start, out error)
                || !TryParseCron(window?.End, $"spec.offHours.windows[{i}].end", out var end, out error))
            {
                return false;
            }

            windows.Add((start, end));
        }

        var holidays = new List<(DateTimeOffset, DateTimeOffset)>();
        for (var i = 0; i < (spec.Holidays?.Count ?? 0); i++)
        {
            var text = spec.Holidays![i];
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || date.Year is < 1971 or > 2398)
            {
                error = $"spec.offHours.holidays[{i}]: \"{text}\" is not a date yyyy-MM-dd (years 1971-2398)";
                return false;
            }

            holidays.Add((FirstInstantOf(date, zone), FirstInstantOf(date.AddDays(1), zone)));
        }

        if (!string.IsNullOrEmpty(spec.GracePeriod) && (!GoDuration.TryParse(spec.GracePeriod, out grace) || grace < TimeSpan.Zero))
        {
            error = $"spec.offHours.gracePeriod: \"{spec.GracePeriod}\" is not a non-negative duration such as 1h or 30m";
            return false;
        }

        timeline = new WindowTimeline(zone, windows, holidays);
        return true;
    }

    private static bool TryParseCron(string? text, string path, out CronExpression cron, out string error)
    {
        error = string.Empty;
        cron = null!;
        if (string.IsNullOrWhiteSpace(text) || !CronExpression.TryParse(text, CronFormat.Standard, out var parsed) || parsed is null)
        {
            error = $"{path}: \"{text}\" is not a 5-field cron expression";
            return false;
        }

        cron = parsed;
        return true;
    }

    /// <summary>
    /// Local midnight of <paramref name="date"/> as an instant, with the same DST rules as the windows: midnight
    /// inside a spring-forward gap becomes the end of the gap, a repeated midnight counts once (its first pass).
    /// </summary>
    private static DateTimeOffset FirstInstantOf(DateOnly date, TimeZoneInfo zone)
    {
        // Two UTC days before covers every offset (-12h..+14h), and "0 0 d m *" fires next on this very date.
        var from = new DateTimeOffset(date.AddDays(-2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var midnight = CronExpression.Parse(string.Create(CultureInfo.InvariantCulture, $"0 0 {date.Day} {date.Month} *"));
        return midnight.GetNextOccurrence(from, zone, inclusive: false)!.Value.ToUniversalTime();
    }

    /// <summary>The schedule with the grace period applied: down iff t is at or after GraceEnd and the union is down.</summary>
    private sealed class Baseline(WindowTimeline timeline, DateTimeOffset createdAt, DateTimeOffset graceEnd, DateTimeOffset horizon)
    {
        public DateTimeOffset GraceEnd => graceEnd;

        public bool IsDownAt(DateTimeOffset t) => t >= graceEnd && timeline.IsDownAt(t);

        public DateTimeOffset? NextFlip(DateTimeOffset t)
        {
            if (t >= graceEnd)
            {
                return timeline.NextFlip(t, horizon);
            }

            if (graceEnd > horizon)
            {
                return null;
            }

            return timeline.IsDownAt(graceEnd) ? graceEnd : timeline.NextFlip(graceEnd, horizon);
        }

        public DateTimeOffset? Since(DateTimeOffset now)
        {
            if (now < graceEnd)
            {
                return createdAt <= now ? createdAt : null;
            }

            var floor = Instants.Add(now, -LookBack);
            if (timeline.IsDownAt(now))
            {
                // Down in the schedule since s, but not before the grace period ended.
                var since = timeline.DownSince(now, floor);
                return since is { } s ? Instants.Max(s, graceEnd) : (graceEnd >= floor ? graceEnd : null);
            }

            // Up in the schedule since u; if that was no later than the grace end, up since the class exists.
            var upSince = timeline.UpSince(now, floor);
            if (upSince is { } u)
            {
                return u > graceEnd ? u : createdAt;
            }

            return graceEnd >= floor ? createdAt : null;
        }
    }
}
