namespace AutoMode.Core.Status;

/// <summary>
/// What the operator saw of one generated object: whether it exists as ours, and the Ready condition Auto Mode set on
/// it. <paramref name="Blocker"/> says why an object of the target name that is not ours keeps ours from existing.
/// </summary>
public sealed record ChildObservation(bool Exists, string? ReadyStatus, string? ReadyReason, string? ReadyMessage, string? Blocker = null)
{
    public static ChildObservation Missing { get; } = new(false, null, null, null);

    /// <summary>An object of the target name exists but is not this class's (a Conflict, or an earlier class's child).</summary>
    public static ChildObservation BlockedBy(string blocker) => new(false, null, null, null, blocker);
}
