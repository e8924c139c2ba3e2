namespace AutoMode.Core.Scheduling;

/// <summary>What the drain does now, derived only from what exists.</summary>
/// <param name="ToDelete">NodeClaims to delete now: oldest first, then by name.</param>
/// <param name="Blocked">Terminating for at least <c>blockedAfter</c>, oldest deletion first.</param>
/// <param name="Skipped">Not drained, with the reason.</param>
/// <param name="Remaining">NodeClaims of the pool that still exist, terminating ones included.</param>
/// <param name="MaxUnavailable">The pace resolved for this pool size.</param>
/// <param name="Terminating">NodeClaims already terminating.</param>
/// <param name="RecheckAt">When the next terminating NodeClaim would count as blocked, so the caller can requeue then.</param>
/// <param name="Error">Why the drain settings cannot be read (nothing is deleted then); null when fine.</param>
public sealed record DrainPlan(
    IReadOnlyList<NodeClaimSnapshot> ToDelete,
    IReadOnlyList<BlockedNodeClaim> Blocked,
    IReadOnlyList<SkippedNodeClaim> Skipped,
    int Remaining,
    int MaxUnavailable,
    int Terminating,
    DateTimeOffset? RecheckAt,
    string? Error = null);
