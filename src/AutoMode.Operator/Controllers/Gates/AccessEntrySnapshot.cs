using AutoMode.Core.Status;

namespace AutoMode.Operator.Controllers.Gates;

/// <summary>
/// What the access-entry controller last established. <see cref="AutoModeNodeRoleName"/> is the cluster's own node
/// role (DescribeCluster computeConfig.nodeRoleArn), which needs no check; null while the cluster is not described
/// yet or when Auto Mode has no node role. <see cref="ByNodeRole"/> is keyed by the class's spec.nodeRole, verbatim.
/// </summary>
internal sealed record AccessEntrySnapshot(bool ClusterKnown, string? AutoModeNodeRoleName, IReadOnlyDictionary<string, GateObservation> ByNodeRole)
{
    public static AccessEntrySnapshot NotYetChecked { get; } = new(false, null, new Dictionary<string, GateObservation>(StringComparer.Ordinal));

    /// <summary>Same content (the dictionary compared by value), so republishing an unchanged result raises nothing.</summary>
    public bool SameAs(AccessEntrySnapshot other) =>
        ClusterKnown == other.ClusterKnown &&
        AutoModeNodeRoleName == other.AutoModeNodeRoleName &&
        ByNodeRole.Count == other.ByNodeRole.Count &&
        ByNodeRole.All(p => other.ByNodeRole.TryGetValue(p.Key, out var gate) && gate == p.Value);
}
