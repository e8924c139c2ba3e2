namespace AutoMode.Benchmarks;

/// <summary>
/// Several starts of one operator executable, summarised by their median. On a shared 2-core machine a single start
/// to /readyz moves by several tenths of a second with load from outside the bench, so one sample says little.
/// </summary>
internal sealed record StartSeries(IReadOnlyList<ProcessMeasurement> Starts)
{
    public static async Task<StartSeries> MeasureAsync(int count, Func<Task<ProcessMeasurement>> start)
    {
        var starts = new List<ProcessMeasurement>();
        for (var i = 0; i < count; i++)
        {
            var m = await start();
            starts.Add(m);
            if (m.Error is not null)
            {
                break; // the same start would fail again; report it rather than wait through the rest
            }
        }

        return new StartSeries(starts);
    }

    public string? Error => Starts.Select(s => s.Error).FirstOrDefault(e => e is not null);

    public TimeSpan MedianReady => TimeSpan.FromTicks(Median(Starts.Select(s => s.Ready!.Value.Ticks)));

    public TimeSpan FastestReady => Starts.Min(s => s.Ready!.Value);

    public TimeSpan SlowestReady => Starts.Max(s => s.Ready!.Value);

    public long? MedianPeakRssKb => Known(Starts.Select(s => s.PeakRssKb));

    public long? HighestPeakRssKb => Starts.Max(s => s.PeakRssKb);

    public long? MedianRssKb => Known(Starts.Select(s => s.RssKb));

    public long? MedianManagedHeapBytes => Known(Starts.Select(s => s.ManagedHeapBytes));

    /// <summary>The most writes any start made after restarting on converged state (each must be 0); null if none finished.</summary>
    public int? MostWrites => Starts.Max(s => s.Writes);

    private static long? Known(IEnumerable<long?> values)
    {
        var known = values.OfType<long>().ToList();
        return known.Count == 0 ? null : Median(known);
    }

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
