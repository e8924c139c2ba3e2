using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Operator.Controllers;
using k8s;
using k8s.Models;

namespace AutoMode.Operator.Hosting;

/// <summary>
/// What the caches keep. The typed models already drop fields the operator never reads; these also drop
/// managedFields (often the largest part of an object) and, for NodeClaims, everything but identity, the pool label,
/// deletion state and the node name. NodeClasses and NodePools that are not ours (Auto Mode's built-in ones, other
/// users') keep only what an ownership decision reads. Memory stays flat with thousands of NodeClaims and foreign pools.
/// </summary>
internal static class CacheTransforms
{
    public static V1Alpha1WorkloadClass WorkloadClass(V1Alpha1WorkloadClass workloadClass)
    {
        workloadClass.Metadata.ManagedFields = null;
        return workloadClass;
    }

    public static T Generated<T>(T child)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        // Ownership checks read managers only for objects that are not ours; ours are matched by ownerReference.
        child.Metadata.ManagedFields = null;
        child.Metadata.Annotations = null;
        return child;
    }

    /// <summary>Ours (our managed-by label) in full; any other NodeClass reduced to <see cref="ForeignMetadata"/>.</summary>
    public static V1NodeClass NodeClass(V1NodeClass nodeClass)
    {
        if (IsOurs(nodeClass))
        {
            return Generated(nodeClass);
        }

        return new V1NodeClass { Metadata = ForeignMetadata(nodeClass.Metadata) };
    }

    /// <summary>Ours (our managed-by label) in full; any other NodePool reduced to <see cref="ForeignMetadata"/>.</summary>
    public static V1NodePool NodePool(V1NodePool nodePool)
    {
        if (IsOurs(nodePool))
        {
            return Generated(nodePool);
        }

        return new V1NodePool { Metadata = ForeignMetadata(nodePool.Metadata) };
    }

    /// <summary>
    /// What the controller reads of an object that is not ours: whether it blocks a class of the same name (a stale
    /// ownerReference of ours, or a Conflict naming its owner or managers), whether it is being deleted, and which
    /// class its events concern. Spec, status, annotations and the managed fields' field sets are dropped.
    /// </summary>
    private static V1ObjectMeta ForeignMetadata(V1ObjectMeta metadata) => new()
    {
        Name = metadata.Name,
        Uid = metadata.Uid,
        ResourceVersion = metadata.ResourceVersion,
        DeletionTimestamp = metadata.DeletionTimestamp,
        Labels = metadata.Labels,
        OwnerReferences = metadata.OwnerReferences,
        ManagedFields = Managers(metadata.ManagedFields),
    };

    private static List<V1ManagedFieldsEntry>? Managers(IList<V1ManagedFieldsEntry>? managedFields)
    {
        var managers = managedFields?
            .Select(f => f.Manager)
            .Where(m => !string.IsNullOrEmpty(m))
            .Distinct(StringComparer.Ordinal)
            .Select(m => new V1ManagedFieldsEntry { Manager = m })
            .ToList();
        return managers is { Count: > 0 } ? managers : null;
    }

    private static bool IsOurs(IKubernetesObject<V1ObjectMeta> child) =>
        child.Label(WorkloadClassApi.ManagedByLabel) == WorkloadClassApi.ManagedByValue;

    public static V1NodeClaim NodeClaim(V1NodeClaim claim)
    {
        var pool = claim.Label(V1NodeClaim.NodePoolLabel);
        claim.Metadata = new V1ObjectMeta
        {
            Name = claim.Metadata.Name,
            Uid = claim.Metadata.Uid,
            ResourceVersion = claim.Metadata.ResourceVersion,
            CreationTimestamp = claim.Metadata.CreationTimestamp,
            DeletionTimestamp = claim.Metadata.DeletionTimestamp,
            Labels = pool is null ? null : new Dictionary<string, string> { [V1NodeClaim.NodePoolLabel] = pool },
        };
        if (claim.Status is not null)
        {
            claim.Status = new V1NodeClaimStatus { NodeName = claim.Status.NodeName };
        }

        return claim;
    }
}
