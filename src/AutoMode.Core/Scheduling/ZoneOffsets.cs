namespace AutoMode.Core.Scheduling;

/// <summary>When a zone's UTC offset next changes.</summary>
internal static class ZoneOffsets
{
    private static readonly TimeSpan Probe = TimeSpan.FromHours(6);

    /// <summary>The first instant after <paramref name="now"/> with a different offset, exact to the tick; null if none within <paramref name="lookAhead"/>.</summary>
    public static DateTimeOffset? NextChange(TimeZoneInfo zone, DateTimeOffset now, TimeSpan lookAhead)
    {
        // Probing every 6 hours cannot miss a change: real zones never change offset twice within 6 hours.
        var current = zone.GetUtcOffset(now);
        var limit = Instants.Add(now, lookAhead);
        for (var low = now; low < limit;)
        {
            var high = Instants.Add(low, Probe);
            if (zone.GetUtcOffset(high) != current)
            {
                // Invariant: offset(low) == current, offset(high) != current.
                while (high.UtcTicks - low.UtcTicks > 1)
                {
                    var mid = new DateTimeOffset(low.UtcTicks + ((high.UtcTicks - low.UtcTicks) / 2), TimeSpan.Zero);
                    if (zone.GetUtcOffset(mid) == current)
                    {
                        low = mid;
                    }
                    else
                    {
                        high = mid;
                    }
                }

                return high.ToUniversalTime();
            }

            low = high;
        }

        return null;
    }
}
