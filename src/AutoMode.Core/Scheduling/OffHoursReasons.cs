namespace AutoMode.Core.Scheduling;

/// <summary>Why off-hours is (in)active. Stable CamelCase values: users alert on them.</summary>
public static class OffHoursReasons
{
    /// <summary>Down: a window is open.</summary>
    public const string Scheduled = "Scheduled";

    /// <summary>Down: today is a listed holiday in the schedule's time zone.</summary>
    public const string Holiday = "Holiday";

    /// <summary>Up: the class is younger than its grace period.</summary>
    public const string GracePeriod = "GracePeriod";

    /// <summary>Up: <c>spec.offHours.suspend</c> is true.</summary>
    public const string Suspended = "Suspended";

    /// <summary>Up: the override annotation holds capacity up until a time.</summary>
    public const string OverrideUp = "OverrideUp";

    /// <summary>Down: the override annotation holds capacity down until a time.</summary>
    public const string OverrideDown = "OverrideDown";

    /// <summary>Up: neither windows nor holidays are configured.</summary>
    public const string NoWindows = "NoWindows";

    /// <summary>Up: no window or holiday covers this instant.</summary>
    public const string OutsideWindow = "OutsideWindow";

    /// <summary>Up: a cron, zone, holiday or grace period cannot be read; capacity is never taken down on a guess.</summary>
    public const string InvalidSchedule = "InvalidSchedule";
}
