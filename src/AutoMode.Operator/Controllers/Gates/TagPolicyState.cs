using AutoMode.Core.Status;

namespace AutoMode.Operator.Controllers.Gates;

/// <summary>
/// What the cluster-role policy controller last established, read by every WorkloadClass reconcile. A tagged
/// NodeClass is applied only after the policy was read back from IAM and the propagation delay has passed.
/// </summary>
/// <remarks><see cref="SnapshotPublisher{TSnapshot}.Changed"/> re-queues the tagged classes as soon as the gate opens.</remarks>
internal sealed class TagPolicyState(TimeSpan propagationDelay)
    : SnapshotPublisher<TagPolicySnapshot>(TagPolicySnapshot.NotYetChecked, (a, b) => a == b)
{
    /// <summary>The gate as seen at <paramref name="now"/>; <paramref name="openAt"/> is when a pending gate opens by itself.</summary>
    public GateObservation Evaluate(DateTimeOffset now, out DateTimeOffset? openAt)
    {
        openAt = null;
        var snapshot = Current;
        switch (snapshot.Phase)
        {
            case TagPolicyPhase.Disabled:
                return new GateObservation(ConditionStatus.True, TagPolicyReasons.NotChecked, snapshot.Message);
            case TagPolicyPhase.Confirmed when snapshot.ConfirmedAt is { } confirmed:
                var ready = confirmed + propagationDelay;
                if (now >= ready)
                {
                    return new GateObservation(ConditionStatus.True, ConditionReasons.TagPolicyAttached, snapshot.Message);
                }

                openAt = ready;
                return new GateObservation(ConditionStatus.False, ConditionReasons.WaitingForTagPolicy,
                    $"The tag-propagation policy is on the cluster role; waiting until {ready.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} for IAM to propagate it before applying the tagged NodeClass.");
            case TagPolicyPhase.Failed when snapshot.UserActionRequired:
                return new GateObservation(ConditionStatus.False, snapshot.Reason, snapshot.Message, UserActionRequired: true);
            case TagPolicyPhase.Failed:
                // Transient (throttling, 5xx, not readable back yet): the operator retries by itself, so the class is
                // waiting, not stalled; the status composer treats any other reason as one the user must act on.
                return new GateObservation(ConditionStatus.False, ConditionReasons.WaitingForTagPolicy, snapshot.Message);
            default:
                return new GateObservation(ConditionStatus.False, ConditionReasons.WaitingForTagPolicy,
                    "Waiting for the operator to attach and read back the tag-propagation policy on the cluster IAM role.");
        }
    }
}
