using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Scheduling;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// Reads the pool's node lifetimes from what the observe step already holds: the NodeClaim cache (creation, deletion,
/// Karpenter's nodepool-hash annotation; <see cref="Hosting.CacheTransforms"/> keeps exactly these) and the NodePool
/// (its hash annotation and the rotation annotation of its template, the source of truth for the last rotation).
/// </summary>
internal static class LifetimeObserver
{
    public static NodeLifetimes Read(V1NodePool? nodePool, IReadOnlyList<V1NodeClaim> claims)
    {
        if (nodePool is null)
        {
            return NodeLifetimes.None;
        }

        var lifetimes = claims
            .Where(c => c.Metadata.CreationTimestamp is not null)
            .Select(c => new NodeClaimLifetime(
                c.Metadata.Name,
                new DateTimeOffset(DateTime.SpecifyKind(c.Metadata.CreationTimestamp!.Value, DateTimeKind.Utc)),
                c.Metadata.Annotations?.TryGetValue(V1NodeClaim.NodePoolHashAnnotation, out var hash) == true ? hash : null,
                c.Metadata.DeletionTimestamp is not null))
            .ToList();
        var poolHash = nodePool.Metadata.Annotations?.TryGetValue(V1NodeClaim.NodePoolHashAnnotation, out var h) == true ? h : null;
        var rotation = nodePool.Spec?.Template?.Metadata?.Annotations?.TryGetValue(WorkloadClassApi.RotationAnnotation, out var r) == true ? r : null;
        return new NodeLifetimes(lifetimes, poolHash, ReplacementPlanner.ParseRotation(rotation));
    }
}
