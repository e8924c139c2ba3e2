namespace AutoMode.Core.Scheduling;

/// <summary>
/// Where the off-hours schedule stands at one instant.
/// </summary>
/// <param name="Active">True while capacity is held down.</param>
/// <param name="Since">When the current state began (UTC); null when that is not knowable within the look-back.</param>
/// <param name="NextTransition">The next instant (UTC) <paramref name="Active"/> flips; null when it does not flip within the look-ahead.</param>
/// <param name="Reason">One of <see cref="OffHoursReasons"/>.</param>
/// <param name="Message">A human sentence, e.g. what is invalid; empty when nothing to add.</param>
public sealed record OffHoursState(bool Active, DateTimeOffset? Since, DateTimeOffset? NextTransition, string Reason, string Message = "");
