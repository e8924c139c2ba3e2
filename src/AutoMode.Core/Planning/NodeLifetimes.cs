using AutoMode.Core.Scheduling;

namespace AutoMode.Core.Planning;

/// <summary>One NodeClaim of the pool as the lifetime report needs it.</summary>
/// <param name="Name">metadata.name.</param>
/// <param name="CreatedAt">metadata.creationTimestamp: its forced expiry is this plus expireAfter.</param>
/// <param name="Hash">Its karpenter.sh/nodepool-hash annotation (the pool's template hash when it launched), or null.</param>
/// <param name="Terminating">deletionTimestamp is set: already on its way out.</param>
public sealed record NodeClaimLifetime(string Name, DateTimeOffset CreatedAt, string? Hash, bool Terminating);

/// <summary>The pool's NodeClaims, its current template hash and its last rotation, as observed.</summary>
/// <param name="Claims">The pool's NodeClaims, terminating ones included.</param>
/// <param name="PoolHash">The NodePool's karpenter.sh/nodepool-hash annotation (Karpenter's hash of the template now), or null.</param>
/// <param name="LastRotation">The NodePool template's automode.io/rotation annotation, when it parses.</param>
public sealed record NodeLifetimes(IReadOnlyList<NodeClaimLifetime> Claims, string? PoolHash, DateTimeOffset? LastRotation)
{
    public static NodeLifetimes None { get; } = new([], null, null);

    /// <summary>The oldest NodeClaim that is not terminating, or null.</summary>
    public NodeClaimLifetime? Oldest =>
        Claims.Where(c => !c.Terminating).OrderBy(c => c.CreatedAt).ThenBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>What the rotation decision reads (<see cref="ReplacementPlanner"/>).</summary>
    public ReplacementFacts Facts => new(LastRotation, Oldest?.CreatedAt);

    /// <summary>NodeClaims (not terminating) launched from another template hash than the pool's: Drifted, still to be replaced.</summary>
    public int OnOldHash => PoolHash is null ? 0 : Claims.Count(c => !c.Terminating && c.Hash is not null && c.Hash != PoolHash);

    /// <summary>Whether this NodeClaim runs an older template than the pool's.</summary>
    public bool IsOnOldHash(NodeClaimLifetime claim) => PoolHash is not null && claim.Hash is not null && claim.Hash != PoolHash;
}
