using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Core.Validation;
using AutoMode.Kubernetes.Apply;
using AutoMode.Kubernetes.Informers;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// The facts of a node role change, read from the caches and our own writes they may not show yet (no API call): the
/// NodeClass name the role wants (<see cref="NodeClassNaming"/>), and the NodeClasses of ours of an earlier role with
/// the NodeClaims still launched from each. Ours means a controller ownerReference to the class's uid, never a label.
/// </summary>
internal sealed class RoleMigrationObserver(
    IObjectStore<V1NodeClass> nodeClasses,
    IObjectStore<V1NodeClaim> nodeClaims,
    WriteExpectations expectations,
    V1Alpha1WorkloadClass workloadClass)
{
    private string ClassName => workloadClass.Metadata.Name;

    /// <summary>The NodeClass the class wants for its current role, given the NodePool of ours as observed (or null).</summary>
    public string NodeClassName(V1NodePool? nodePool)
    {
        var role = NodeRoleName.Reduce(workloadClass.Spec?.NodeRole ?? "");
        var referenced = nodePool?.Spec?.Template?.Spec?.NodeClassRef?.Name is { Length: > 0 } name ? Fact(name) : null;
        return NodeClassNaming.Desired(ClassName, role, Fact(ClassName), referenced);
    }

    /// <summary>NodeClasses of ours other than <paramref name="wanted"/>, each with the NodeClaims that reference it.</summary>
    public IReadOnlyList<OldNodeClass> OldNodeClasses(string wanted)
    {
        var old = nodeClasses.List()
            .Select(n => expectations.Latest(Kinds.NodeClass.Kind, n.Metadata.Name, n)!)
            .Where(n => n.Metadata.Name != wanted && Ownership.IsControlledBy(n, workloadClass))
            .ToList();
        if (old.Count == 0)
        {
            // The common case: no role change runs, and the NodeClaims are not scanned.
            return [];
        }

        // Every NodeClaim counts, not only the pool's: Auto Mode keeps a NodeClass while any NodeClaim references it.
        var claims = nodeClaims.List()
            .Where(c => c.Spec?.NodeClassRef?.Name is not null)
            .GroupBy(c => c.Spec!.NodeClassRef!.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return [.. old
            .OrderBy(n => n.Metadata.Name, StringComparer.Ordinal)
            .Select(n => new OldNodeClass(
                n.Metadata.Name,
                n.Metadata.Uid,
                n.Metadata.ResourceVersion,
                n.Metadata.DeletionTimestamp is not null || expectations.DeletionRequestedAt(Kinds.NodeClass.Kind, n.Metadata.Uid) is not null,
                claims.GetValueOrDefault(n.Metadata.Name)))];
    }

    private NodeClassFact? Fact(string name) =>
        expectations.Latest(Kinds.NodeClass.Kind, name, nodeClasses.Get(name)) is { } nodeClass
            ? new NodeClassFact(name, Ownership.IsControlledBy(nodeClass, workloadClass), nodeClass.Spec?.Role)
            : null;
}
