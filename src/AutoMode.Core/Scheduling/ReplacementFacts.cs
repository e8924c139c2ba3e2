namespace AutoMode.Core.Scheduling;

/// <summary>What the rotation decision needs from the cluster.</summary>
/// <param name="LastRotation">
/// The automode.io/rotation annotation of the live NodePool's template: the source of truth for the last rotation,
/// since it is what Karpenter hashes (a status can be lost or lag; the annotation is what the nodes drift from).
/// </param>
/// <param name="OldestNodeCreated">When the pool's oldest NodeClaim was created: the base for the first rotation of a pool that never rotated.</param>
public sealed record ReplacementFacts(DateTimeOffset? LastRotation, DateTimeOffset? OldestNodeCreated)
{
    public static ReplacementFacts None { get; } = new(null, null);
}
