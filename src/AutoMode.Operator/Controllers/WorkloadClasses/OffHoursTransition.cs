namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>Whether off-hours flipped since this replica last looked, and the node-hours a window that just ended avoided.</summary>
internal readonly record struct OffHoursTransition(bool Flipped, double NodeHoursAvoided);
