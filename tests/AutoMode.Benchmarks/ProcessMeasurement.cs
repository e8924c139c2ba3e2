namespace AutoMode.Benchmarks;

/// <summary>What one start of an operator executable showed: time to /readyz OK, peak and current RSS, managed heap after the last GC (its /metrics), writes it made.</summary>
internal sealed record ProcessMeasurement(string Label, TimeSpan? Ready, long? PeakRssKb, long? RssKb, long? ManagedHeapBytes, int? Writes, string? Error)
{
    public static ProcessMeasurement Failed(string label, string error) => new(label, null, null, null, null, null, error);
}
