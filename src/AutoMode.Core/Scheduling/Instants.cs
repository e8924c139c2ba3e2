namespace AutoMode.Core.Scheduling;

/// <summary>Instant arithmetic that saturates instead of throwing at the ends of the calendar.</summary>
internal static class Instants
{
    public static DateTimeOffset Add(DateTimeOffset instant, TimeSpan delta)
    {
        var utc = instant.UtcTicks;
        var min = DateTimeOffset.MinValue.UtcTicks;
        var max = DateTimeOffset.MaxValue.UtcTicks;
        var ticks = delta.Ticks >= 0
            ? (utc > max - delta.Ticks ? max : utc + delta.Ticks)
            : (utc < min - delta.Ticks ? min : utc + delta.Ticks);
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    public static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
