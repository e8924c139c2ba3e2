using System.Net;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Status;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Core.Validation;
using AutoMode.Kubernetes.Apply;
using AutoMode.Kubernetes.Controllers;
using AutoMode.Kubernetes.Events;
using AutoMode.Kubernetes.Informers;
using AutoMode.Operator.Controllers.AccessEntries;
using AutoMode.Operator.Controllers.ClusterRolePolicy;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// Reconciles one WorkloadClass (queue key = its name): observe caches, compute the desired state purely, apply only
/// what differs (NodeClass before NodePool), drain during off-hours, then write status once if it changed.
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
    Action<ResourceDescriptor>? cacheBehind = null) : IReconciler
{
    public const string Name = "workloadclass";

    /// <summary>
    /// The longest requeue asked of the queue. Timers cannot wait longer than ~49.7 days (a yearly holiday, the next DST
    /// change months away), so a later instant is reached in steps; each step recomputes and writes nothing.
    /// </summary>
    internal static readonly TimeSpan MaxRequeue = TimeSpan.FromDays(7);

    /// <summary>How soon a class waiting for a previous class's child to go away looks again without an event.</summary>
    internal static readonly TimeSpan OldChildRecheck = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a class waits for Auto Mode to report a child Ready before it reads that child from the API server.
    /// Auto Mode reports within seconds and its report arrives as a watch event; still waiting this long means either
    /// Auto Mode is slow (one GET per interval, only for waiting classes) or the cache missed that event.
    /// </summary>
    internal static readonly TimeSpan AutoModeRecheck = TimeSpan.FromSeconds(30);

    private readonly AppliedObjectsMemo _memo = new();

    // Classes with a child that exists but is not Ready yet, by name: since when (or since the last live look).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _waitingSince = new(StringComparer.Ordinal);

    private readonly OffHoursTracker _offHoursTracker = new();

    // Status we wrote that the cache may not show yet; without it a reconcile in that gap writes the same status again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _writtenStatus = new(StringComparer.Ordinal);

    // Classes whose first status is held while Auto Mode reports their new children (FirstStatusHold), by name: since when.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _holdingSince = new(StringComparer.Ordinal);

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var workloadClass = classes.Get(key);
        if (workloadClass is null)
        {
            // The children go with the class through Kubernetes garbage collection (their controller ownerReference
            // names its uid), or stay when the user orphaned them (--cascade=orphan). The operator never deletes a
            // NodeClass or NodePool itself: deleting a NodePool drains every node of it, so only the collector, which
            // checks the owner by uid, may do it (README "Ownership").
            _offHoursTracker.Forget(key);
            _holdingSince.TryRemove(key, out _);
            _waitingSince.TryRemove(key, out _);
            _memo.Forget(Kinds.NodeClass.Kind, key);
            _memo.Forget(Kinds.NodePool.Kind, key);
            return ReconcileResult.Done;
        }

        // Deletion: Kubernetes garbage collection removes the children through their ownerReferences.
        if (workloadClass.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var now = time.GetUtcNow();
        var nodeClass = await ObserveAsync(workloadClass, Kinds.NodeClass, nodeClasses.Get(key), cancellationToken);
        var nodePool = await ObserveAsync(workloadClass, Kinds.NodePool, nodePools.Get(key), cancellationToken);
        var poolIsOurs = nodePool.Object is not null;
        var claims = poolIsOurs ? nodeClaims.ListByLabel(V1NodeClaim.NodePoolLabel, key) : [];

        var errors = WorkloadClassValidator.Validate(workloadClass);
        if (errors.Count > 0)
        {
            // A bad edit never disturbs what already runs: nothing is applied, the last good objects stay.
            events.Record(Reference(workloadClass), EventKind.Warning, EventReasons.ValidationFailed, string.Join("; ", errors.Take(3)));
            await WriteStatusAsync(workloadClass, Inputs(workloadClass, now, nodeClass.Object, nodePool.Object, claims.Count) with { ValidationErrors = errors }, default, cancellationToken);
            return ReconcileResult.Done;
        }

        var created = workloadClass.Metadata.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : now;
        var plan = DesiredPlanner.Plan(workloadClass, created, now);
        var (desired, offHours) = (plan.Desired, plan.OffHours);
        var result = plan.NextChange is { } change ? ReconcileResult.After(change - now) : ReconcileResult.Done;
        if (plan.BudgetErrors.Count > 0)
        {
            // Dropping a budget that cannot be expressed in UTC would silently allow more disruption than asked.
            events.Record(Reference(workloadClass), EventKind.Warning, EventReasons.ValidationFailed, string.Join("; ", plan.BudgetErrors.Take(3)));
            await WriteStatusAsync(workloadClass, Inputs(workloadClass, now, nodeClass.Object, nodePool.Object, claims.Count) with { ValidationErrors = plan.BudgetErrors }, default, cancellationToken);
            return Capped(result);
        }

        GateObservation? tagGate = null;
        if (desired.RequiresTagPolicy)
        {
            tagGate = tagPolicy.Evaluate(now, out var openAt);
            if (openAt is { } at)
            {
                result = result.Min(ReconcileResult.After(at - now));
            }
        }

        // At most one live read of the class per reconcile, and only when a child is about to be created.
        Task<bool>? ownerLookup = null;
        Task<bool> OwnerExists() => ownerLookup ??= OwnerStillExistsAsync(workloadClass, cancellationToken);

        // What the caches (or the memo of our last apply) showed before this reconcile applied anything.
        var nodeClassSeen = nodeClass.Object;
        var nodePoolSeen = nodePool.Object;
        var tagsAllowed = tagGate is null || tagGate.Status == ConditionStatus.True;
        var rejections = new List<string>();
        if (!nodeClass.Blocked)
        {
            if (RoleChanged(nodeClass.Object, desired.NodeClass) is { } roleChange)
            {
                // NodeClass spec.role is immutable on Auto Mode: an apply would only be rejected. Keep what runs.
                rejections.Add(roleChange);
            }
            else if (tagsAllowed)
            {
                var (applied, rejection) = await TryApplyAsync(workloadClass, Kinds.NodeClass, desired.NodeClass, nodeClass.Object, static n => n.Spec, OwnerExists, cancellationToken);
                nodeClass = nodeClass with { Object = applied };
                AddIfSet(rejections, rejection);
            }
            else if (nodeClass.Object is null)
            {
                events.Record(Reference(workloadClass), EventKind.Normal, EventReasons.WaitingForTagPolicy, tagGate!.Message);
            }
        }

        // The NodePool references the NodeClass: apply it only once a NodeClass of ours exists.
        if (!nodePool.Blocked && !nodeClass.Blocked && nodeClass.Object is not null)
        {
            var (applied, rejection) = await TryApplyAsync(workloadClass, Kinds.NodePool, desired.NodePool, nodePool.Object, static p => p.Spec, OwnerExists, cancellationToken);
            nodePool = nodePool with { Object = applied };
            poolIsOurs = applied is not null;
            AddIfSet(rejections, rejection);
        }

        OffHoursObservation? offHoursObservation = null;
        OffHoursTransition offHoursTransition = default;
        if (offHours is null)
        {
            _offHoursTracker.Forget(key);
        }
        else
        {
            var drain = poolIsOurs
                ? await drainer.DrainAsync(workloadClass, offHours, nodePool.Object, claims, now, cancellationToken)
                : DrainOutcome.Nothing(claims.Count);
            if (drain.RecheckAt is { } recheck)
            {
                result = result.Min(ReconcileResult.After(recheck - now));
            }

            offHoursObservation = new OffHoursObservation(
                offHours.Active, offHours.Reason, offHours.Since, offHours.NextTransition, plan.Override,
                drain.Remaining, drain.Blocked, drain.BlockedDetail);
            offHoursTransition = _offHoursTracker.Observe(key, workloadClass.Status?.OffHours?.Active, offHours.Active, claims.Count, now);
            if (offHoursTransition.NodeHoursAvoided > 0)
            {
                OperatorMetrics.NodeHoursAvoided.Add(offHoursTransition.NodeHoursAvoided, OperatorMetrics.Class(key));
            }
        }

        if (nodeClass.WaitingForOldChild || nodePool.WaitingForOldChild)
        {
            result = result.Min(ReconcileResult.After(OldChildRecheck));
        }

        if (NotReady(nodeClass.Object?.Status?.Conditions, nodeClass.Object) || NotReady(nodePool.Object?.Status?.Conditions, nodePool.Object))
        {
            var since = _waitingSince.GetOrAdd(key, now);
            if (now - since >= AutoModeRecheck)
            {
                // A child applied in this very reconcile is judged next time, once its own watch event had its chance.
                if (ReferenceEquals(nodeClass.Object, nodeClassSeen))
                {
                    nodeClass = nodeClass with { Object = await LiveIfAheadAsync(workloadClass, Kinds.NodeClass, nodeClass.Object, nodeClasses.Get(key), cancellationToken) };
                }

                if (ReferenceEquals(nodePool.Object, nodePoolSeen))
                {
                    nodePool = nodePool with { Object = await LiveIfAheadAsync(workloadClass, Kinds.NodePool, nodePool.Object, nodePools.Get(key), cancellationToken) };
                }

                _waitingSince[key] = now;
            }

            result = result.Min(ReconcileResult.After(AutoModeRecheck));
        }
        else
        {
            _waitingSince.TryRemove(key, out _);
        }

        var inputs = Inputs(workloadClass, now, nodeClass.Object, nodePool.Object, claims.Count) with
        {
            NodeClass = nodeClass.Blocker is { } nodeClassBlocker ? ChildObservation.BlockedBy(nodeClassBlocker) : Observe(nodeClass.Object, nodeClass.Object?.Status?.Conditions),
            NodePool = nodePool.Blocker is { } nodePoolBlocker ? ChildObservation.BlockedBy(nodePoolBlocker) : Observe(nodePool.Object, nodePool.Object?.Status?.Conditions),
            Conflicts = [.. nodeClass.Conflicts, .. nodePool.Conflicts],
            Rejections = rejections,
            AccessEntry = accessEntries.Evaluate(workloadClass.Spec.NodeRole),
            TagPolicy = tagGate,
            OffHours = offHoursObservation,
        };
        var statusResult = await WriteStatusAsync(workloadClass, inputs, offHoursTransition, cancellationToken);
        return Capped(result.Min(statusResult));
    }

    private static ReconcileResult Capped(ReconcileResult result) =>
        result.RequeueAfter > MaxRequeue ? ReconcileResult.After(MaxRequeue) : result;

    /// <summary>The freshest view of one generated object, and whether it blocks us (exists but is not ours).</summary>
    private async Task<Observed<T>> ObserveAsync<T>(V1Alpha1WorkloadClass owner, ResourceDescriptor kind, T? cached, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var name = owner.Metadata.Name;
        var current = _memo.Freshest(kind.Kind, name, cached);
        if (cached is null && current is not null && !Ownership.IsControlledBy(current, owner))
        {
            // What we applied for an earlier class of the same name (deleted and re-created before the cache caught
            // up): the memo must not outlive its owner, or the new class would wait forever on a child already gone.
            _memo.Forget(kind.Kind, name);
            current = null;
        }

        // The caches only hold objects carrying our label; an unowned object with our target name is invisible
        // to them, so ask the API server once before creating anything.
        current ??= await writer.GetAsync<T>(kind, name, cancellationToken);
        if (current is null || Ownership.IsControlledBy(current, owner))
        {
            return new Observed<T>(current, false, []);
        }

        if (Ownership.IsControlledByEarlierClass(current, owner))
        {
            // Left over from a deleted WorkloadClass of the same name (possibly applied by a reconcile that raced the
            // deletion): its controller reference names a uid that no longer exists, so the garbage collector deletes
            // it, and its deletion event brings this class back (events map to classes by controller reference and by
            // name). The cache may trail the server, or have kept an object whose deletion it never saw (a watch down
            // at that moment): when the old object is already gone, create ours now rather than wait for an event
            // that may never come. If it is still there, look again later even without an event.
            var live = await writer.GetAsync<T>(kind, name, cancellationToken);
            if (live is null || Ownership.IsControlledBy(live, owner))
            {
                return new Observed<T>(live, false, []);
            }

            return new Observed<T>(null, true, [], WaitingForOldChild: true)
            {
                Blocker = $"it belongs to an earlier WorkloadClass {name} and waits for the garbage collector",
            };
        }

        var conflict = $"{kind.Kind} {name} already exists and is {Ownership.DescribeOwner(current)}";
        events.Record(Reference(owner), EventKind.Warning, EventReasons.Conflict, conflict + "; it is left untouched.");
        return new Observed<T>(null, true, [conflict]) { Blocker = Ownership.DescribeOwner(current) + " (see Conflict)" };
    }

    // Waiting: the child exists and Auto Mode has not reported on it yet. Ready=False is a report (the class shows it).
    private static bool NotReady(IEnumerable<Core.ThirdParty.StatusCondition>? conditions, object? child) =>
        child is not null && conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Ready)?.Status is not (ConditionStatus.True or ConditionStatus.False);

    /// <summary>
    /// The child as the API server holds it when the cache does not hold that version (the cache missed an event, or
    /// never got the object): the informer then lists again. Otherwise what the reconcile saw.
    /// </summary>
    private async Task<T?> LiveIfAheadAsync<T>(V1Alpha1WorkloadClass owner, ResourceDescriptor kind, T? seen, T? cached, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (seen is null)
        {
            return seen;
        }

        var live = await writer.GetAsync<T>(kind, seen.Metadata.Name, cancellationToken);
        if (live is null || live.Metadata.ResourceVersion == cached?.Metadata.ResourceVersion || !Ownership.IsControlledBy(live, owner))
        {
            // The cache holds what the server holds (Auto Mode is just slow), or the child is gone or replaced: the
            // watch events for those bring the class back here.
            return seen;
        }

        Log.CacheBehind(logger, kind.Kind, seen.Metadata.Name, cached?.Metadata.ResourceVersion, live.Metadata.ResourceVersion);
        cacheBehind?.Invoke(kind);
        return live;
    }

    /// <summary>Applies, turning an API-server rejection (400/422: a rule our validation did not catch) into a status message instead of an endless retry.</summary>
    private async Task<(T? Stored, string? Rejection)> TryApplyAsync<T>(V1Alpha1WorkloadClass owner, ResourceDescriptor kind, T desired, T? observed, Func<T, object?> spec, Func<Task<bool>> ownerExists, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            return (await ApplyIfChangedAsync(owner, kind, desired, observed, spec, ownerExists, cancellationToken), null);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
        {
            var rejection = $"the API server rejected {kind.Kind} {desired.Metadata.Name}: {ApiErrors.Message(error)}";
            events.Record(Reference(owner), EventKind.Warning, EventReasons.ApplyRejected, rejection);
            return (observed, rejection);
        }
    }

    private static string? RoleChanged(V1NodeClass? observed, V1NodeClass desired) =>
        observed is not null && observed.Spec.Role is { Length: > 0 } running && running != desired.Spec.Role
            ? $"spec.nodeRole: NodeClass {desired.Metadata.Name} runs with role \"{running}\", and the role of an EKS Auto Mode NodeClass cannot change; " +
              $"set nodeRole back to \"{running}\", or create a new WorkloadClass for role \"{desired.Spec.Role}\", move the workloads, then delete this one"
            : null;

    private static void AddIfSet(List<string> list, string? item)
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }

    private async Task<T?> ApplyIfChangedAsync<T>(V1Alpha1WorkloadClass owner, ResourceDescriptor kind, T desired, T? observed, Func<T, object?> spec, Func<Task<bool>> ownerExists, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (!ChildDiff.NeedsApply(desired, observed, spec, _memo.LastAppliedSpec(kind.Kind, desired.Metadata.Name)))
        {
            return observed;
        }

        if (observed is null && !await ownerExists())
        {
            // Garbage collection's DELETED events for the children can arrive before the class's own: the cache still
            // holds a class that is gone, and creating its children again would start nodes only to remove them.
            return null;
        }

        var stored = await writer.ApplyAsync(kind, desired, cancellationToken);
        _memo.Remember(kind.Kind, stored, ChildDiff.Spec(desired, spec));
        var verb = observed is null ? EventReasons.Created : EventReasons.Updated;
        events.Record(Reference(owner), EventKind.Normal, verb, $"{verb} {kind.Kind} {desired.Metadata.Name}.");
        Log.Applied(logger, kind.Kind, desired.Metadata.Name, verb);
        return stored;
    }

    private async Task<bool> OwnerStillExistsAsync(V1Alpha1WorkloadClass owner, CancellationToken cancellationToken)
    {
        var live = await writer.GetAsync<V1Alpha1WorkloadClass>(Kinds.WorkloadClass, owner.Metadata.Name, cancellationToken);
        return live is not null && live.Metadata.Uid == owner.Metadata.Uid && live.Metadata.DeletionTimestamp is null;
    }

    /// <summary>Writes the status if it changed; asks for a re-check when the first status is held (FirstStatusHold).</summary>
    private async Task<ReconcileResult> WriteStatusAsync(V1Alpha1WorkloadClass workloadClass, StatusInputs inputs, OffHoursTransition offHours, CancellationToken cancellationToken)
    {
        var status = StatusComposer.Compose(inputs);
        if (offHours.Flipped)
        {
            // Decided by what this replica last saw, not by the cached status, which may lag our own last write.
            var isDown = status.OffHours?.Active == true;
            var message = status.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.OffHours)?.Message ?? "";
            events.Record(Reference(workloadClass), EventKind.Normal, isDown ? EventReasons.OffHoursStarted : EventReasons.OffHoursEnded, message);
        }

        var uid = workloadClass.Metadata.Uid ?? workloadClass.Metadata.Name;
        var computed = StatusEquality.Canonical(status);
        var cached = workloadClass.Status is null ? null : StatusEquality.Canonical(workloadClass.Status);
        if (cached == computed)
        {
            _writtenStatus.TryRemove(uid, out _);
            return ReconcileResult.Done;
        }

        if (_writtenStatus.TryGetValue(uid, out var written) && written == computed)
        {
            return ReconcileResult.Done;
        }

        var name = workloadClass.Metadata.Name;
        var hasStatus = cached is not null || written is not null;
        var since = hasStatus ? default : _holdingSince.GetOrAdd(name, inputs.Now);
        if (FirstStatusHold.HoldUntil(hasStatus, status, since, inputs.Now) is { } until)
        {
            // The watch on the children brings the next reconcile as soon as Auto Mode reports; this is the fallback.
            return ReconcileResult.After(until - inputs.Now);
        }

        _holdingSince.TryRemove(name, out _);

        RecordTransitions(workloadClass, workloadClass.Status, status);
        var patch = StatusPatch.Create(status, cached, _writtenStatus.TryGetValue(uid, out var lastWritten) ? lastWritten : null);
        try
        {
            await writer.PatchStatusAsync(Kinds.WorkloadClass, workloadClass.Metadata.Name, patch, cancellationToken);
        }
        catch (HttpOperationException error) when (error.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            // Deleted while we reconciled it: nothing left to report on.
            return ReconcileResult.Done;
        }

        _writtenStatus[uid] = computed;
        return ReconcileResult.Done;
    }

    private void RecordTransitions(V1Alpha1WorkloadClass workloadClass, V1Alpha1WorkloadClassStatus? before, V1Alpha1WorkloadClassStatus after)
    {
        var blocked = after.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.DrainBlocked);
        if (blocked is not null && before?.Conditions?.Any(c => c.Type == ConditionTypes.DrainBlocked) != true)
        {
            events.Record(Reference(workloadClass), EventKind.Warning, EventReasons.DrainBlocked, blocked.Message);
        }
    }

    private static StatusInputs Inputs(V1Alpha1WorkloadClass workloadClass, DateTimeOffset now, V1NodeClass? nodeClass, V1NodePool? nodePool, int nodes) => new()
    {
        Generation = workloadClass.Metadata.Generation ?? 0,
        Now = now,
        Previous = workloadClass.Status,
        NodeClassName = workloadClass.Metadata.Name,
        NodePoolName = workloadClass.Metadata.Name,
        NodeClass = Observe(nodeClass, nodeClass?.Status?.Conditions),
        NodePool = Observe(nodePool, nodePool?.Status?.Conditions),
        Nodes = nodes,
    };

    private static ChildObservation Observe(object? child, IEnumerable<Core.ThirdParty.StatusCondition>? conditions)
    {
        if (child is null)
        {
            return ChildObservation.Missing;
        }

        var ready = conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Ready);
        return new ChildObservation(true, ready?.Status, ready?.Reason, ready?.Message);
    }

    internal static V1ObjectReference Reference(V1Alpha1WorkloadClass workloadClass) => new()
    {
        ApiVersion = WorkloadClassApi.ApiVersion,
        Kind = WorkloadClassApi.Kind,
        Name = workloadClass.Metadata.Name,
        Uid = workloadClass.Metadata.Uid,
    };

    private sealed record Observed<T>(T? Object, bool Blocked, IReadOnlyList<string> Conflicts, bool WaitingForOldChild = false)
        where T : class
    {
        /// <summary>Why an object of the target name that is not ours blocks this one, for the child's condition.</summary>
        public string? Blocker { get; init; }
    }
}
