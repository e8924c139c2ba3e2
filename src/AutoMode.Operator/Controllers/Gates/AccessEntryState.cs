using AutoMode.Core.Status;
using AutoMode.Core.Validation;

namespace AutoMode.Operator.Controllers.Gates;

/// <summary>
/// Per-node-role access-entry results, read by every WorkloadClass reconcile for its NodeRoleAccessEntryReady
/// condition. The check never blocks applying objects: without the entry the NodeClass exists but its nodes cannot
/// join, and the condition says exactly how to fix that.
/// </summary>
/// <remarks><see cref="SnapshotPublisher{TSnapshot}.Changed"/> lets classes pick up new results without waiting for their own events.</remarks>
internal sealed class AccessEntryState(bool enabled)
    : SnapshotPublisher<AccessEntrySnapshot>(AccessEntrySnapshot.NotYetChecked, (a, b) => a.SameAs(b))
{
    public bool Enabled => enabled;

    /// <summary>The gate for a class with <paramref name="nodeRole"/>; null when no check applies (off, or Auto Mode's own node role).</summary>
    public GateObservation? Evaluate(string? nodeRole)
    {
        if (!enabled || string.IsNullOrEmpty(nodeRole))
        {
            return null;
        }

        var snapshot = Current;
        if (snapshot.ClusterKnown && snapshot.AutoModeNodeRoleName is { } own && NodeRoleName.Reduce(nodeRole) == own)
        {
            return null;
        }

        return snapshot.ByNodeRole.TryGetValue(nodeRole, out var gate)
            ? gate
            : new GateObservation(ConditionStatus.Unknown, ConditionReasons.Progressing,
                $"Checking whether node role {NodeRoleName.Reduce(nodeRole)} has an EKS access entry of type EC2 with AmazonEKSAutoNodePolicy.");
    }
}
