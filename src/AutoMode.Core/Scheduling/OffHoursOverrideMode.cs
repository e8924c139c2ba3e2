namespace AutoMode.Core.Scheduling;

/// <summary>Which way a manual override forces capacity.</summary>
public enum OffHoursOverrideMode
{
    /// <summary><c>up-until=T</c>: capacity stays up until T.</summary>
    Up,

    /// <summary><c>down-until=T</c>: capacity goes down now and stays down until T.</summary>
    Down,
}
