namespace AutoMode.Core.Scheduling;

/// <summary>What the drain needs to know about one NodeClaim of the pool.</summary>
/// <param name="Name">metadata.name.</param>
/// <param name="Uid">metadata.uid, for a precondition on delete.</param>
/// <param name="NodeName">status.nodeName; null until the node registers.</param>
/// <param name="CreatedAt">metadata.creationTimestamp.</param>
/// <param name="DeletionRequestedAt"><c>metadata.deletionTimestamp</c>: set while the NodeClaim is terminating.</param>
public sealed record NodeClaimSnapshot(string Name, string Uid, string? NodeName, DateTimeOffset CreatedAt, DateTimeOffset? DeletionRequestedAt);
