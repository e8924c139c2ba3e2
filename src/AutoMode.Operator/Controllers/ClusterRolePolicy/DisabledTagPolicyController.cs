using AutoMode.Kubernetes.Controllers;
using AutoMode.Operator.Controllers.Gates;

namespace AutoMode.Operator.Controllers.ClusterRolePolicy;

/// <summary>Stands in for the IAM controller when no cluster name is configured: no AWS calls, tagged NodeClasses go unchecked.</summary>
internal sealed class DisabledTagPolicyController(TagPolicyState state) : IReconciler
{
    public Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        state.Publish(new TagPolicySnapshot(TagPolicyPhase.Disabled, TagPolicyReasons.NotChecked,
            "IAM checks are off (no --cluster-name): make sure the cluster IAM role carries the tag-propagation policy (README \"AWS permissions\")."));
        return Task.FromResult(ReconcileResult.Done);
    }
}
