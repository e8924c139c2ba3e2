namespace AutoMode.Operator.Controllers;

/// <summary>
/// Whoever knows which classes off-hours holds down, as the classes-down gauge reads it. The gauge depends on this
/// interface, not on the off-hours code, so metrics sit below every controller folder.
/// </summary>
internal interface IClassesDownSource
{
    /// <summary>Every class with off-hours this replica reconciled, and whether it is down.</summary>
    IReadOnlyList<(string Name, bool Down)> Snapshot();
}
