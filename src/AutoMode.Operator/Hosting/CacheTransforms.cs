using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Operator.Controllers;
using AutoMode.Operator.Controllers.WorkloadClasses;
using k8s;
using k8s.Models;

namespace AutoMode.Operator.Hosting;

/// <summary>
/// What the caches keep. The typed models already drop fields the operator never reads; these also drop
/// managedFields (often the largest part of an object) and, for NodeClaims, everything but identity, the pool label,
/// deletion state, the node name, the NodeClass name and Karpenter's nodepool-hash annotation. Memory stays flat with thousands of NodeClaims.
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
        // Ownership is the controller ownerReference. For an object that is not ours the Conflict message names who
        // manages it, so the managers' names stay (their field sets, the bulk of managedFields, never do).
        child.Metadata.ManagedFields = Ownership.ControllerClassName(child) is null
            ? child.Metadata.ManagedFields?.Select(f => new V1ManagedFieldsEntry { Manager = f.Manager, Operation = f.Operation }).ToList()
            : null;
        // Only Karpenter's template hash stays (on NodePools): rotation progress compares the NodeClaims' with it.
        child.Metadata.Annotations = KeepHash(child.Metadata.Annotations);
        return child;
    }

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
            Annotations = KeepHash(claim.Metadata.Annotations),
        };
        if (claim.Status is not null)
        {
            claim.Status = new V1NodeClaimStatus { NodeName = claim.Status.NodeName };
        }

        // A node role change counts the claims still launched from the old NodeClass.
        claim.Spec = NodeClaimListReader.WithNodeClassName(claim.Spec?.NodeClassRef?.Name);

        return claim;
    }

    private static Dictionary<string, string>? KeepHash(IDictionary<string, string>? annotations) =>
        annotations?.TryGetValue(V1NodeClaim.NodePoolHashAnnotation, out var hash) == true
            ? new Dictionary<string, string> { [V1NodeClaim.NodePoolHashAnnotation] = hash }
            : null;
}
