namespace AutoMode.Core.Status;

/// <summary>Off-hours as computed for this reconcile, plus drain progress.</summary>
public sealed record OffHoursObservation(
    bool Active,
    string Reason,
    DateTimeOffset? Since,
    DateTimeOffset? NextTransition,
    string? Override,
    int NodeClaimsRemaining,
    IReadOnlyList<string> BlockedNodeClaims,
    string? BlockedDetail);
