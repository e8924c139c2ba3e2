using Cronos;

namespace AutoMode.Core.Scheduling;

/// <summary>
/// Cron occurrences in a time zone, as UTC instants, found by enumerating forwards only: Cronos' own backward search
/// disagrees with its forward one around spring-forward gaps. Shared by the off-hours and the replacement-window
/// timelines so both read a schedule the same way.
/// </summary>
internal static class ZonedCron
{
    private static readonly TimeSpan FirstChunk = TimeSpan.FromHours(1);

    /// <summary>The first occurrence strictly after <paramref name="from"/>, or null.</summary>
    public static DateTimeOffset? NextAfter(CronExpression cron, TimeZoneInfo zone, DateTimeOffset from) =>
        cron.GetNextOccurrence(from, zone, inclusive: false)?.ToUniversalTime();

    /// <summary>The latest occurrence in (<paramref name="floor"/>, <paramref name="at"/>], searched backwards in doubling chunks.</summary>
    public static DateTimeOffset? LatestIn(CronExpression cron, TimeZoneInfo zone, DateTimeOffset floor, DateTimeOffset at)
    {
        var hi = at;
        var chunk = FirstChunk;
        while (hi > floor)
        {
            var lo = Instants.Add(hi, -chunk);
            if (lo < floor)
            {
                lo = floor;
            }

            DateTimeOffset? last = null;
            for (var o = NextAfter(cron, zone, lo); o is { } v && v <= hi; o = NextAfter(cron, zone, v))
            {
                last = v;
            }

            if (last is not null)
            {
                return last;
            }

            hi = lo;
            chunk += chunk;
        }

        return null;
    }
}
