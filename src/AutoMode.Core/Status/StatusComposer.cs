using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Status;

/// <summary>
/// Computes a WorkloadClass status from what one reconcile observed. Pure, and stable: the same inputs give an equal
/// status, so an unchanged world produces no status write. Follows kstatus: Ready stays Unknown (not False) while the
/// operator or Auto Mode is merely progressing; Stalled (and Ready=False) only when the user has to change something.
/// </summary>
public static class StatusComposer
{
    private const int MaxErrorsInMessage = 3;

    public static V1Alpha1WorkloadClassStatus Compose(StatusInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var conditions = ConditionSet.From(inputs.Previous?.Conditions);
        var set = (string type, string status, string reason, string message) =>
            conditions.Set(type, status, reason, message, inputs.Generation, inputs.Now);

        SetChild(set, ConditionTypes.NodeClassReady, "NodeClass", inputs.NodeClassName, inputs.NodeClass, ConditionReasons.NodeClassNotReady);
        SetChild(set, ConditionTypes.NodePoolReady, "NodePool", inputs.NodePoolName, inputs.NodePool, ConditionReasons.NodePoolNotReady);
        SetOptional(conditions, set, ConditionTypes.TagPolicyReady, inputs.TagPolicy);
        SetOptional(conditions, set, ConditionTypes.NodeRoleAccessEntryReady, inputs.AccessEntry);
        SetOffHours(conditions, set, inputs.OffHours);
        NodeRoleMigrationCondition.Set(conditions, set, inputs.NodeRoleMigration);
        SetOptional(conditions, set, ConditionTypes.Adopted, inputs.Adoption);
        LifecycleConditions.Set(conditions, set, inputs.Lifecycle);

        if (inputs.ValidationErrors.Count > 0)
        {
            var message = DescribeErrors(inputs);
            set(ConditionTypes.Validated, ConditionStatus.False, ConditionReasons.InvalidSpec, message);
            set(ConditionTypes.Stalled, ConditionStatus.True, ConditionReasons.InvalidSpec, message);
            set(ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.InvalidSpec, message);
            conditions.Remove(ConditionTypes.Reconciling);
            return Build(inputs, conditions);
        }

        set(ConditionTypes.Validated, ConditionStatus.True, ConditionReasons.Valid, "The spec is valid.");

        if (inputs.Conflicts.Count > 0)
        {
            set(ConditionTypes.Conflict, ConditionStatus.True, ConditionReasons.NotOwned,
                string.Join("; ", inputs.Conflicts) + ". The operator never modifies or deletes objects it does not own: " +
                "delete or rename that object, or rename this WorkloadClass.");
        }
        else
        {
            conditions.Remove(ConditionTypes.Conflict);
        }

        var stalled = inputs.Rejections.Count > 0
            ? new WorkloadClassCondition
            {
                Type = ConditionTypes.Stalled,
                Status = ConditionStatus.True,
                Reason = ConditionReasons.ApplyRejected,
                Message = string.Join("; ", inputs.Rejections) + ". What already runs is left as it is.",
            }
            : StallingCondition(conditions);
        if (stalled is not null)
        {
            set(ConditionTypes.Stalled, ConditionStatus.True, stalled.Reason, stalled.Message);
            set(ConditionTypes.Ready, ConditionStatus.False, stalled.Reason, stalled.Message);
            conditions.Remove(ConditionTypes.Reconciling);
            return Build(inputs, conditions);
        }

        conditions.Remove(ConditionTypes.Stalled);
        var dependents = new[]
        {
            ConditionTypes.TagPolicyReady, ConditionTypes.NodeRoleAccessEntryReady,
            ConditionTypes.NodeClassReady, ConditionTypes.NodePoolReady,
        }.Select(conditions.Get).OfType<WorkloadClassCondition>().ToList();

        var failed = dependents.FirstOrDefault(c => c.Status == ConditionStatus.False && c.Type is ConditionTypes.NodeClassReady or ConditionTypes.NodePoolReady);
        if (failed is not null)
        {
            set(ConditionTypes.Ready, ConditionStatus.False, failed.Reason, failed.Message);
            conditions.Remove(ConditionTypes.Reconciling);
            return Build(inputs, conditions);
        }

        var pending = dependents.Where(c => c.Status != ConditionStatus.True).ToList();
        if (pending.Count == 0)
        {
            var message = $"NodeClass {inputs.NodeClassName} and NodePool {inputs.NodePoolName} are ready.";
            if (inputs.OffHours is { Active: true } offHours)
            {
                message += " Off-hours: capacity is held down" + Until(offHours.NextTransition) + ".";
            }

            set(ConditionTypes.Ready, ConditionStatus.True, ConditionReasons.Ready, message);
            conditions.Remove(ConditionTypes.Reconciling);
        }
        else
        {
            var waiting = "Waiting for " + string.Join(", ", pending.Select(c => $"{c.Type}={c.Status} ({c.Reason})")) + ".";
            set(ConditionTypes.Ready, ConditionStatus.Unknown, ConditionReasons.Progressing, waiting);
            set(ConditionTypes.Reconciling, ConditionStatus.True, ConditionReasons.Progressing, waiting);
        }

        return Build(inputs, conditions);
    }

    private static WorkloadClassCondition? StallingCondition(ConditionSet conditions)
    {
        if (conditions.Get(ConditionTypes.Conflict) is { Status: ConditionStatus.True } conflict)
        {
            return conflict;
        }

        // An adoption waiting for its confirmation (or refused) needs the user, like a conflict.
        if (conditions.Get(ConditionTypes.Adopted) is { Status: ConditionStatus.False } adoption)
        {
            return adoption;
        }

        return conditions.Get(ConditionTypes.TagPolicyReady) is { Status: ConditionStatus.False } tag && IsUserAction(tag)
            ? tag
            : conditions.Get(ConditionTypes.NodeRoleAccessEntryReady) is { Status: ConditionStatus.False } entry && IsUserAction(entry)
                ? entry
                : null;
    }

    // Gates mark user-actionable failures with a reason other than the transient waiting ones.
    private static bool IsUserAction(WorkloadClassCondition condition) =>
        condition.Reason is not (ConditionReasons.WaitingForTagPolicy or ConditionReasons.Progressing);

    private static void SetChild(Action<string, string, string, string> set, string type, string kind, string name, ChildObservation child, string notReadyReason)
    {
        if (!child.Exists)
        {
            set(type, ConditionStatus.Unknown, ConditionReasons.Applying, child.Blocker is { } blocker
                ? $"{kind} {name} exists but is not this class's: {blocker}."
                : $"{kind} {name} has not been applied yet.");
            return;
        }

        switch (child.ReadyStatus)
        {
            case ConditionStatus.True:
                set(type, ConditionStatus.True, ConditionReasons.Ready, $"{kind} {name} is ready.");
                break;
            case ConditionStatus.False:
                set(type, ConditionStatus.False, notReadyReason,
                    $"EKS Auto Mode reports {kind} {name} not ready ({child.ReadyReason ?? "no reason"}): {child.ReadyMessage ?? "no message"}");
                break;
            default:
                set(type, ConditionStatus.Unknown, ConditionReasons.WaitingForAutoMode, $"Waiting for EKS Auto Mode to report {kind} {name} ready.");
                break;
        }
    }

    private static void SetOptional(ConditionSet conditions, Action<string, string, string, string> set, string type, GateObservation? gate)
    {
        if (gate is null)
        {
            conditions.Remove(type);
            return;
        }

        // A gate that needs the user is recorded with its own reason; transient waits use the waiting reason.
        set(type, gate.Status, gate.Reason, gate.Message);
    }

    private static void SetOffHours(ConditionSet conditions, Action<string, string, string, string> set, OffHoursObservation? offHours)
    {
        if (offHours is null)
        {
            conditions.Remove(ConditionTypes.OffHours);
            conditions.Remove(ConditionTypes.DrainBlocked);
            return;
        }

        var message = offHours.Active
            ? "Capacity is held down (NodePool limits cpu=0, memory=0)" + Until(offHours.NextTransition) + "."
            : "Capacity is up" + (offHours.NextTransition is { } next ? ", next scale-down at " + Format(next) : "") + ".";
        if (offHours.Override is { Length: > 0 } manual)
        {
            message += $" Manual override in force: {manual}.";
        }

        set(ConditionTypes.OffHours, ConditionStatus.Of(offHours.Active), offHours.Reason, message);
        if (offHours.BlockedNodeClaims.Count > 0)
        {
            set(ConditionTypes.DrainBlocked, ConditionStatus.True, ConditionReasons.DrainBlocked,
                offHours.BlockedDetail ?? $"Still terminating: {string.Join(", ", offHours.BlockedNodeClaims)}.");
        }
        else
        {
            conditions.Remove(ConditionTypes.DrainBlocked);
        }
    }

    private static string DescribeErrors(StatusInputs inputs)
    {
        var shown = inputs.ValidationErrors.Take(MaxErrorsInMessage).Select(e => e.ToString());
        var more = inputs.ValidationErrors.Count > MaxErrorsInMessage ? $" (and {inputs.ValidationErrors.Count - MaxErrorsInMessage} more)" : "";
        var kept = inputs.NodeClass.Exists || inputs.NodePool.Exists ? " The last valid NodeClass and NodePool are left as they are." : "";
        return string.Join("; ", shown) + more + "." + kept;
    }

    private static V1Alpha1WorkloadClassStatus Build(StatusInputs inputs, ConditionSet conditions) => new()
    {
        ObservedGeneration = inputs.Generation,
        Conditions = [.. conditions.ToList()],
        NodeClassName = inputs.NodeClass.Exists ? inputs.NodeClassName : inputs.Previous?.NodeClassName,
        NodePoolName = inputs.NodePool.Exists ? inputs.NodePoolName : inputs.Previous?.NodePoolName,
        Nodes = inputs.Nodes,
        DesiredNodes = inputs.DesiredNodes,
        OffHours = inputs.OffHours is null ? null : new OffHoursStatus
        {
            Active = inputs.OffHours.Active,
            Since = inputs.OffHours.Since,
            NextTransition = inputs.OffHours.NextTransition,
            Override = inputs.OffHours.Override,
            NodeClaimsRemaining = inputs.OffHours.Active ? inputs.OffHours.NodeClaimsRemaining : null,
        },
        NodeRoleMigration = inputs.NodeRoleMigration,
        Lifecycle = LifecycleConditions.Status(inputs.Lifecycle),
    };

    private static string Until(DateTimeOffset? next) => next is { } at ? " until " + Format(at) : "";

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
