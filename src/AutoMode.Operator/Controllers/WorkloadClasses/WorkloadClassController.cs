using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Kubernetes.Apply;
using AutoMode.Kubernetes.Controllers;
using AutoMode.Kubernetes.Events;
using AutoMode.Kubernetes.Informers;
using AutoMode.Operator.Controllers.Gates;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// Reconciles one WorkloadClass (queue key = its name): observe (<see cref="ClassObserver"/>), plan purely
/// (<see cref="ClassPlanner"/>), act (<see cref="ChildApplier"/>: NodeClass before NodePool, only what differs;
/// <see cref="OffHoursStep"/>: drain during off-hours), then report (<see cref="ClassReporter"/>,
/// <see cref="StatusReporter"/>: the status written once, if it changed).
/// </summary>
internal sealed class WorkloadClassController(
    IObjectStore<V1Alpha1WorkloadClass> classes,
    IObjectStore<V1NodeClass> nodeClasses,
    IObjectStore<V1NodePool> nodePools,
    IObjectStore<V1NodeClaim> nodeClaims,
    IObjectWriter writer,
    IEventRecorder events,
    AccessEntryState accessEntries,
    TagPolicyState tagPolicy,
    OffHoursDrainer drainer,
    TimeProvider time,
    ILogger<WorkloadClassController> logger,
    WriteExpectations expectations,
    Action<ResourceDescriptor>? cacheBehind = null) : IReconciler
{
    public const string Name = "workloadclass";

    /// <inheritdoc cref="ClassReporter.MaxRequeue"/>
    internal static readonly TimeSpan MaxRequeue = ClassReporter.MaxRequeue;

    /// <inheritdoc cref="ClassPlanner.OldChildRecheck"/>
    internal static readonly TimeSpan OldChildRecheck = ClassPlanner.OldChildRecheck;

    /// <inheritdoc cref="ClassReporter.AutoModeRecheck"/>
    internal static readonly TimeSpan AutoModeRecheck = ClassReporter.AutoModeRecheck;

    private readonly ClassTimers _timers = new();
    private readonly ClassObserver _observer = new(nodeClasses, nodePools, nodeClaims, writer, expectations, accessEntries, tagPolicy, logger, cacheBehind);
    private readonly ChildApplier _applier = new(writer, events, expectations, logger);
    private readonly OffHoursStep _offHours = new(drainer);
    private readonly StatusReporter _status = new(writer, events, expectations);
    private readonly NodeClassPruner _pruner = new(writer, events, expectations, time, logger);

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var workloadClass = classes.Get(key);
        if (workloadClass is null)
        {
            // The children go with the class through Kubernetes garbage collection (their controller ownerReference
            // names its uid), or stay when the user orphaned them (--cascade=orphan). The operator never deletes a
            // NodeClass or NodePool itself: deleting a NodePool drains every node of it, so only the collector, which
            // checks the owner by uid, may do it (README "Ownership"). The one exception is NodeClassPruner, which deletes
            // a NodeClass of an earlier node role of a live class once no NodeClaim references it.
            _offHours.Forget(key);
            _timers.Forget(key);
            _applier.Forget(key);
            LifecycleMetrics.Forget(key);
            return ReconcileResult.Done;
        }

        // Deletion: Kubernetes garbage collection removes the children through their ownerReferences.
        if (workloadClass.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var now = time.GetUtcNow();
        var observed = await _observer.ObserveAsync(workloadClass, now, cancellationToken);
        var seen = observed.Seen with { Class = _status.WithLatestStatus(workloadClass), HasStatus = _status.HasStatus(workloadClass), HoldingSince = _timers.HeldSince(key) };
        _applier.Settle(observed);
        var plan = ClassPlanner.Plan(seen);
        _status.Record(workloadClass, plan.Events);
        if (plan.Stop)
        {
            var stopped = ClassReporter.Report(plan, seen, new ActOutcome(null, null, [], null, false, false));
            await _status.WriteAsync(workloadClass, stopped, _timers, cancellationToken);
            return Requeue(stopped.WakeAt, now);
        }

        var applied = await _applier.ApplyAsync(workloadClass, plan, seen, cancellationToken);
        await _pruner.PruneAsync(workloadClass, seen, plan.Migration, cancellationToken);
        var (drain, flipped) = await _offHours.RunAsync(workloadClass, plan.Desired!.OffHours, applied.NodePool, observed.Claims, now, cancellationToken);
        var (nodeClass, nodePool) = (applied.NodeClass, applied.NodePool);
        var waiting = ClassReporter.WaitingForAutoMode(nodeClass, nodePool);
        if (!waiting)
        {
            _timers.StopWaiting(key);
        }
        else if (ClassReporter.ReadLive(_timers.WaitingSince(key, now), now))
        {
            (nodeClass, nodePool) = await _observer.ReadLiveIfAheadAsync(workloadClass, applied, cancellationToken);
            _applier.RememberLive(nodeClass, nodePool);
            _timers.RestartWaiting(key, now);
        }

        var report = ClassReporter.Report(plan, seen, new ActOutcome(nodeClass, nodePool, applied.Rejections, drain, flipped, waiting));
        await _status.WriteAsync(workloadClass, report, _timers, cancellationToken);
        LifecycleMetrics.Record(key, report.Status.Lifecycle);
        return Requeue(report.WakeAt, now);
    }

    private static ReconcileResult Requeue(DateTimeOffset? wakeAt, DateTimeOffset now) =>
        ClassReporter.RequeueAfter(wakeAt, now) is { } delay ? ReconcileResult.After(delay) : ReconcileResult.Done;
}
