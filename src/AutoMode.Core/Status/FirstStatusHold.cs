using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Status;

/// <summary>
/// Whether a class's very first status may wait a moment for EKS Auto Mode to report the children just created for
/// it. Without the wait every new class gets two status writes within milliseconds ("Waiting for EKS Auto Mode",
/// then Ready), which at a bulk creation (an Argo CD sync of hundreds of classes) doubles the status traffic for a
/// state nobody gets to see. The wait is short and only for that one case: anything the user must act on, a gate
/// (tag policy, access entry) or a status already stored is written at once.
/// </summary>
public static class FirstStatusHold
{
    /// <summary>How long the first status may wait; after it the Progressing status is written as before.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The instant until which <paramref name="computed"/> may be held back, or null to write it now.
    /// <paramref name="hasStatus"/>: a status is stored or was written by this process (then nothing is held).
    /// <paramref name="holdingSince"/>: when this process first held the class's status.
    /// </summary>
    public static DateTimeOffset? HoldUntil(bool hasStatus, V1Alpha1WorkloadClassStatus computed, DateTimeOffset holdingSince, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(computed);
        if (hasStatus || !OnlyWaitingForAutoMode(computed))
        {
            return null;
        }

        var until = holdingSince + Window;
        return now < until ? until : null;
    }

    /// <summary>Ready is Unknown only because Auto Mode has not yet reported on a NodeClass or NodePool that exists.</summary>
    private static bool OnlyWaitingForAutoMode(V1Alpha1WorkloadClassStatus status)
    {
        var conditions = status.Conditions ?? [];
        var ready = conditions.FirstOrDefault(c => c.Type == ConditionTypes.Ready);
        if (ready is not { Status: ConditionStatus.Unknown })
        {
            return false;
        }

        var waitingForChild = false;
        foreach (var condition in conditions)
        {
            switch (condition.Type)
            {
                case ConditionTypes.NodeClassReady or ConditionTypes.NodePoolReady:
                    if (condition.Status == ConditionStatus.True)
                    {
                        continue;
                    }

                    if (condition is not { Status: ConditionStatus.Unknown, Reason: ConditionReasons.WaitingForAutoMode })
                    {
                        return false;
                    }

                    waitingForChild = true;
                    break;
                case ConditionTypes.TagPolicyReady or ConditionTypes.NodeRoleAccessEntryReady:
                    if (condition.Status != ConditionStatus.True)
                    {
                        return false;
                    }

                    break;
                case ConditionTypes.Conflict or ConditionTypes.Stalled or ConditionTypes.DrainBlocked:
                    return false;
            }
        }

        return waitingForChild;
    }
}
