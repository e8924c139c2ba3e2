using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;
using AutoMode.Core.Scheduling;
using AutoMode.Core.Status;

namespace AutoMode.Core.Planning;

/// <summary>
/// (lifecycle spec, replacement state, observed NodeClaims, now) -> <see cref="LifecycleObservation"/>: the oldest node,
/// its forced expiry, the windows and the rotation, and which nodes would reach their forced expiry before a window
/// replaces them. Pure.
/// </summary>
public static class LifecycleReport
{
    /// <summary>Null for a class without windows whose pool has no running NodeClaim: nothing to say.</summary>
    public static LifecycleObservation? Observe(LifecycleSpec? lifecycle, ReplacementState? replacement, NodeLifetimes lifetimes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lifetimes);
        var oldest = lifetimes.Oldest;
        if (replacement is null && oldest is null)
        {
            return null;
        }

        var expireAfter = GoDuration.TryParse(lifecycle?.ExpireAfter ?? AutoModeDefaults.ExpireAfter, out var e) ? e : (TimeSpan?)null;
        DateTimeOffset? Expiry(NodeClaimLifetime claim) => expireAfter is { } span ? Instants.Add(claim.CreatedAt, span) : null;

        var atRisk = new List<(string, DateTimeOffset)>();
        foreach (var claim in lifetimes.Claims.Where(c => !c.Terminating))
        {
            if (Expiry(claim) is not { } expiry)
            {
                continue;
            }

            // Without windows Karpenter replaces every node by force at its expiry, at a time nobody chose. With
            // windows, a node on the pool's template is replaced by the next rotation, a drifted one by the next window.
            DateTimeOffset? replacedFrom = replacement is null ? null
                : lifetimes.IsOnOldHash(claim) ? (replacement.Open ? now : replacement.NextWindow)
                : replacement.NextRotation;
            if (replacement is null || replacedFrom is null || expiry <= replacedFrom)
            {
                atRisk.Add((claim.Name, expiry));
            }
        }

        return new LifecycleObservation(
            HasWindows: replacement is not null,
            OldestNodeClaim: oldest?.Name,
            OldestNodeCreated: oldest?.CreatedAt,
            ForcedExpiry: oldest is null ? null : Expiry(oldest),
            WindowOpen: replacement?.Open,
            NextWindow: replacement?.NextWindow,
            LastRotation: replacement?.Rotation,
            NextRotation: replacement?.NextRotation,
            OnOldHash: lifetimes.OnOldHash,
            AtRisk: [.. atRisk.OrderBy(r => r.Item2).ThenBy(r => r.Item1, StringComparer.Ordinal)]);
    }
}
