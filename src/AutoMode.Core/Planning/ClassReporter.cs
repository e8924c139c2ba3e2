using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Status;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Core.Planning;

/// <summary>
/// The second, pure half of a reconcile (<see cref="ClassPlanner"/> is the first): from the plan, what was observed
/// and what the act steps did, the status, the events and the next wake-up, all wake-up rules in one place.
/// </summary>
public static class ClassReporter
{
    /// <summary>
    /// The longest requeue asked of the queue. Timers cannot wait longer than ~49.7 days (a yearly holiday, the next DST
    /// change months away), so a later instant is reached in steps; each step recomputes and writes nothing.
    /// </summary>
    public static readonly TimeSpan MaxRequeue = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a class waits for Auto Mode to report a child Ready before it reads that child from the API server.
    /// Auto Mode reports within seconds and its report arrives as a watch event; still waiting this long means either
    /// Auto Mode is slow (one GET per interval, only for waiting classes) or the cache missed that event.
    /// </summary>
    public static readonly TimeSpan AutoModeRecheck = TimeSpan.FromSeconds(30);

    public static ClassReport Report(ClassPlan plan, ClassObservation seen, ActOutcome done)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(done);
        var now = seen.Now;
        var inputs = new StatusInputs
        {
            Generation = seen.Class.Metadata.Generation ?? 0,
            Now = now,
            Previous = seen.Class.Status,
            NodeClassName = seen.NodeClassName ?? seen.Class.Metadata.Name,
            NodePoolName = seen.Class.Metadata.Name,
            Nodes = seen.NodeClaims,
            DesiredNodes = plan.Desired is { } planned ? planned.Desired.NodePool.Spec.Replicas : seen.Class.Status?.DesiredNodes,
        };
        if (plan.Stop)
        {
            // Nothing was applied: the children show as observed, blocked ones as missing.
            inputs = inputs with { ValidationErrors = plan.Errors, NodeClass = Observe(seen.NodeClass.Object), NodePool = Observe(seen.NodePool.Object), NodeRoleMigration = seen.Class.Status?.NodeRoleMigration };
            var stopped = StatusComposer.Compose(inputs);
            return new ClassReport(inputs, stopped, [], OnWrite(seen, stopped), plan.WakeAt, HoldUntil: null);
        }

        var offHours = plan.Desired?.OffHours;
        var drain = done.Drain ?? DrainResult.Nothing(seen.NodeClaims);
        inputs = inputs with
        {
            NodeClass = seen.NodeClass.Blocker is { } nodeClassBlocker ? ChildObservation.BlockedBy(nodeClassBlocker) : Observe(done.NodeClass),
            NodePool = seen.NodePool.Blocker is { } nodePoolBlocker ? ChildObservation.BlockedBy(nodePoolBlocker) : Observe(done.NodePool),
            Conflicts = [.. new[] { seen.NodeClass.Conflict, seen.NodePool.Conflict }.OfType<string>()],
            Rejections = [.. plan.Rejections, .. done.Rejections],
            NodeRoleMigration = plan.Migration?.Status,
            AccessEntry = seen.AccessEntry,
            TagPolicy = plan.TagPolicy,
            Adoption = AdoptionReport.Condition(seen.Adoption, done.Rejections),
            OffHours = offHours is null ? null : new OffHoursObservation(
                offHours.Active, offHours.Reason, offHours.Since, offHours.NextTransition, plan.Desired!.Override,
                drain.Remaining, drain.Blocked, drain.BlockedDetail),
            Lifecycle = LifecycleReport.Observe(seen.Class.Spec?.Lifecycle, plan.Desired?.Replacement, seen.Lifetimes, now),
        };
        var status = StatusComposer.Compose(inputs);

        var events = new List<PlannedEvent>();
        if (done.OffHoursFlipped)
        {
            // Decided by what this replica last saw, not by the cached status, which may lag our own last write.
            var message = Condition(status, ConditionTypes.OffHours)?.Message ?? "";
            events.Add(PlannedEvent.Normal(status.OffHours?.Active == true ? EventReasons.OffHoursStarted : EventReasons.OffHoursEnded, message));
        }

        var wakeAt = ClassPlanner.Earliest(plan.WakeAt, drain.RecheckAt);
        if (done.WaitingForAutoMode)
        {
            wakeAt = ClassPlanner.Earliest(wakeAt, now + AutoModeRecheck);
        }

        // The watch on the children brings the next reconcile as soon as Auto Mode reports; the hold's end is the fallback.
        var holdUntil = FirstStatusHold.HoldUntil(seen.HasStatus, status, seen.HoldingSince ?? now, now);
        return new ClassReport(inputs, status, events, OnWrite(seen, status), ClassPlanner.Earliest(wakeAt, holdUntil), holdUntil);
    }

    /// <summary>A drain that became blocked is announced once, when the status that first shows it is written.</summary>
    private static IReadOnlyList<PlannedEvent> OnWrite(ClassObservation seen, V1Alpha1WorkloadClassStatus status) =>
    [
        .. Condition(status, ConditionTypes.DrainBlocked) is { } blocked && Condition(seen.Class.Status, ConditionTypes.DrainBlocked) is null
            ? [PlannedEvent.Warn(EventReasons.DrainBlocked, blocked.Message)]
            : Array.Empty<PlannedEvent>(),
        .. RoleMigrationEvents.OnWrite(seen.Class.Status?.NodeRoleMigration, status.NodeRoleMigration),
        .. AdoptionReport.OnWrite(seen.Class.Status, status),
        .. LifecycleEvents.OnWrite(seen.Class, status),
    ];

    /// <summary>The requeue delay for a wake-up instant, capped at <see cref="MaxRequeue"/>; null for none.</summary>
    public static TimeSpan? RequeueAfter(DateTimeOffset? wakeAt, DateTimeOffset now)
    {
        if (wakeAt is not { } at)
        {
            return null;
        }

        var delay = at - now;
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxRequeue ? MaxRequeue : delay;
    }

    /// <summary>Waiting: a child exists and Auto Mode has not reported on it yet. Ready=False is a report (the class shows it).</summary>
    public static bool WaitingForAutoMode(V1NodeClass? nodeClass, V1NodePool? nodePool) =>
        NotReady(nodeClass?.Status?.Conditions, nodeClass) || NotReady(nodePool?.Status?.Conditions, nodePool);

    /// <summary>Whether a class waiting since <paramref name="waitingSince"/> reads its children live now.</summary>
    public static bool ReadLive(DateTimeOffset waitingSince, DateTimeOffset now) => now - waitingSince >= AutoModeRecheck;

    private static bool NotReady(IEnumerable<StatusCondition>? conditions, object? child) =>
        child is not null && conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Ready)?.Status is not (ConditionStatus.True or ConditionStatus.False);

    private static ChildObservation Observe<T>(T? child)
        where T : class
    {
        var conditions = child switch
        {
            V1NodeClass nodeClass => nodeClass.Status?.Conditions,
            V1NodePool nodePool => nodePool.Status?.Conditions,
            _ => null,
        };
        if (child is null)
        {
            return ChildObservation.Missing;
        }

        var ready = conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Ready);
        return new ChildObservation(true, ready?.Status, ready?.Reason, ready?.Message);
    }

    private static WorkloadClassCondition? Condition(V1Alpha1WorkloadClassStatus? status, string type) =>
        status?.Conditions?.FirstOrDefault(c => c.Type == type);
}
