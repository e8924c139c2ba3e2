namespace AutoMode.Core.Status;

/// <summary>What the operator saw of one generated object: whether it exists as ours, and the Ready condition Auto Mode set on it.</summary>
public sealed record ChildObservation(bool Exists, string? ReadyStatus, string? ReadyReason, string? ReadyMessage)
{
    public static ChildObservation Missing { get; } = new(false, null, null, null);
}
