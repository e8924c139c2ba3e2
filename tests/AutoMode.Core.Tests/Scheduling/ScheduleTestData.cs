using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Tests.Scheduling;

internal static class ScheduleTestData
{
    /// <summary>A class created long before any test instant, so the grace period never interferes.</summary>
    public static readonly DateTimeOffset LongAgo = At("2020-01-01T00:00:00Z");

    public static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static DateTimeOffset? AtOrNull(string? instant) => instant is null ? null : At(instant);

    /// <summary><paramref name="windows"/> reads "start|end;start|end".</summary>
    public static OffHoursSpec Spec(string zone, string windows, string[]? holidays = null, string? grace = null, bool? suspend = null) => new()
    {
        TimeZone = zone,
        Windows = windows.Length == 0
            ? []
            : [.. windows.Split(';').Select(w => w.Split('|')).Select(p => new OffHoursWindowSpec { Start = p[0], End = p[1] })],
        Holidays = holidays,
        GracePeriod = grace,
        Suspend = suspend,
    };
}
