using System.Collections.Concurrent;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Scheduling;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Kubernetes.Apply;
using AutoMode.Kubernetes.Events;
using AutoMode.Operator.Hosting;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// Off-hours drain: once the zero limits are in place, deletes the pool's NodeClaims at the configured pace so
/// Karpenter's termination flow drains each node (PDBs respected). Never calls EC2; never touches other pools.
/// Progress is derived from what exists, so a restart plans the same next step.
/// </summary>
internal sealed class OffHoursDrainer(IObjectWriter writer, IEventRecorder events, OperatorIdentity identity, ILogger<OffHoursDrainer> logger)
{
    // Deletions we asked for that the cache may not show yet (deletionTimestamp arrives with the next watch event),
    // by NodeClaim uid, with the pool they were drained from: one pool's reconcile may only forget its own.
    private readonly ConcurrentDictionary<string, (string Pool, DateTimeOffset At)> _requested = new(StringComparer.Ordinal);

    public async Task<DrainOutcome> DrainAsync(
        V1Alpha1WorkloadClass workloadClass,
        OffHoursState state,
        V1NodePool? nodePool,
        IReadOnlyList<V1NodeClaim> claims,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ForgetVanished(workloadClass.Metadata.Name, claims);
        var drain = workloadClass.Spec.OffHours?.Drain;
        if (!state.Active || drain?.Enabled != true || !LimitsAreZero(nodePool))
        {
            return DrainOutcome.Nothing(claims.Count);
        }

        var snapshots = claims.Select(Snapshot).ToList();
        var plan = DrainPlanner.Plan(new DrainPlanInput(
            snapshots,
            drain,
            now,
            identity.NodeName,
            identity.HasOtherReadyReplicas,
            new HashSet<string>(StringComparer.Ordinal)));

        var reference = WorkloadClassController.Reference(workloadClass);
        foreach (var claim in plan.ToDelete)
        {
            await writer.DeleteAsync(Controllers.Kinds.NodeClaim, claim.Name, claim.Uid, cancellationToken);
            _requested[claim.Uid] = (workloadClass.Metadata.Name, now);
            events.Record(reference, EventKind.Normal, EventReasons.NodeClaimDeleted,
                $"Deleted NodeClaim {claim.Name} (off-hours drain); Karpenter drains its node respecting PodDisruptionBudgets.");
            Log.NodeClaimDeleted(logger, claim.Name, workloadClass.Metadata.Name);
        }

        foreach (var skipped in plan.Skipped)
        {
            events.Record(reference, EventKind.Warning, EventReasons.DrainSkipped, $"NodeClaim {skipped.Name} is not drained: {skipped.Reason}.");
        }

        var blocked = plan.Blocked.Select(b => b.Name).ToList();
        var detail = blocked.Count == 0
            ? null
            : "Still terminating after drain.blockedAfter: " + string.Join(", ", plan.Blocked.Select(b => $"{b.Name} (since {b.Since.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})")) +
              ". Look for a PodDisruptionBudget with no disruptions allowed or a pod annotated karpenter.sh/do-not-disrupt on its node; the NodePool terminationGracePeriod bounds the wait.";

        return new DrainOutcome(plan.Remaining, blocked, detail, plan.RecheckAt);
    }

    private NodeClaimSnapshot Snapshot(V1NodeClaim claim)
    {
        DateTimeOffset? deletion = claim.Metadata.DeletionTimestamp is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : null;
        if (deletion is null && _requested.TryGetValue(claim.Metadata.Uid, out var requested))
        {
            deletion = requested.At;
        }

        var created = claim.Metadata.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : DateTimeOffset.MinValue;
        return new NodeClaimSnapshot(claim.Metadata.Name, claim.Metadata.Uid, claim.Status?.NodeName, created, deletion);
    }

    private void ForgetVanished(string pool, IReadOnlyList<V1NodeClaim> claims)
    {
        var present = claims.Select(c => c.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        foreach (var (uid, _) in _requested.Where(r => r.Value.Pool == pool && !present.Contains(r.Key)))
        {
            _requested.TryRemove(uid, out _);
        }
    }

    // The drain starts only after the zero limits are stored, so Karpenter cannot replace the nodes it drains.
    private static bool LimitsAreZero(V1NodePool? nodePool) =>
        nodePool?.Spec.Limits is { } limits &&
        limits.TryGetValue("cpu", out var cpu) && cpu == "0" &&
        limits.TryGetValue("memory", out var memory) && memory == "0";
}
