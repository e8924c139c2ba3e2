namespace AutoMode.Core.Planning;

/// <summary>An event the reconcile records on the WorkloadClass.</summary>
public sealed record PlannedEvent(bool Warning, string Reason, string Message)
{
    public static PlannedEvent Normal(string reason, string message) => new(false, reason, message);

    public static PlannedEvent Warn(string reason, string message) => new(true, reason, message);
}
