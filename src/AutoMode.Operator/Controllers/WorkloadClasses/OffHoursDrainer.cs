using System.Collections.Concurrent;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Scheduling;
using AutoMode.Core.Status;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Kubernetes.Apply;
using AutoMode.Kubernetes.Events;
using k8s.Autorest;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// Off-hours drain: once the zero limits are in place, deletes the pool's NodeClaims at the configured pace so
/// Karpenter's termination flow drains each node (PDBs respected). Never calls EC2; never touches other pools.
/// Progress is derived from what exists, so a restart plans the same next step.
/// </summary>
internal sealed class OffHoursDrainer(
    IObjectWriter writer, IEventRecorder events, OperatorIdentity identity, ProtectedPodNodes protectedPods, ILogger<OffHoursDrainer> logger, WriteExpectations expectations)
{
    /// <summary>When to try again after the pods of the protected namespaces could not be read.</summary>
    internal static readonly TimeSpan ProtectedPodsRetry = TimeSpan.FromSeconds(30);

    // NodeClaims (by uid) this replica already counted as blocked, so the metric counts each once.
    private readonly ConcurrentDictionary<string, string> _countedBlocked = new(StringComparer.Ordinal);

    public async Task<DrainResult> DrainAsync(
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
            return DrainResult.Nothing(claims.Count);
        }

        var snapshots = claims.Select(Snapshot).ToList();
        var reference = ClassReference.Of(workloadClass);
        IReadOnlySet<string> protectedNodes = new HashSet<string>(StringComparer.Ordinal);
        if (drain.ProtectedNamespaces is { Count: > 0 } namespaces && snapshots.Any(s => s.DeletionRequestedAt is null))
        {
            try
            {
                protectedNodes = await protectedPods.ReadAsync(namespaces, cancellationToken);
            }
            catch (Exception error) when (error is HttpOperationException or HttpRequestException)
            {
                // Fail safe: without knowing where the protected pods run, no node is drained.
                var why = error is HttpOperationException http
                    ? http.Response.StatusCode == System.Net.HttpStatusCode.Forbidden
                        ? "forbidden: bind ClusterRole automode-operator-protected-pods (list pods) in each protected namespace"
                        : $"HTTP {(int)http.Response.StatusCode}"
                    : error.Message;
                events.Record(reference, EventKind.Warning, EventReasons.DrainSkipped,
                    $"No NodeClaim is drained: the pods of drain.protectedNamespaces could not be listed ({why}); trying again in {ProtectedPodsRetry.TotalSeconds:0} s.");
                Log.ProtectedPodsUnreadable(logger, workloadClass.Metadata.Name, why);
                return new DrainResult(claims.Count, [], null, now + ProtectedPodsRetry);
            }
        }

        var plan = DrainPlanner.Plan(new DrainPlanInput(
            snapshots,
            drain,
            now,
            identity.NodeName,
            identity.HasOtherReadyReplicas,
            protectedNodes));

        var classTag = OperatorMetrics.Class(workloadClass.Metadata.Name);
        if (plan.Error is not null)
        {
            // The validator rejects such values first; this only guards against a drift between the two.
            events.Record(reference, EventKind.Warning, EventReasons.DrainSkipped, $"No NodeClaim is drained: {plan.Error}.");
        }

        foreach (var claim in plan.ToDelete)
        {
            await writer.DeleteAsync(Controllers.Kinds.NodeClaim, claim.Name, claim.Uid, cancellationToken);
            // The cache shows the deletionTimestamp only with the next watch event: until then the expectation does.
            expectations.Deleted(Controllers.Kinds.NodeClaim.Kind, claim.Uid, workloadClass.Metadata.Name, now);
            OperatorMetrics.NodeClaimsDeleted.Add(1, classTag);
            events.Record(reference, EventKind.Normal, EventReasons.NodeClaimDeleted,
                $"Deleted NodeClaim {claim.Name} (off-hours drain); Karpenter drains its node respecting PodDisruptionBudgets.");
            Log.NodeClaimDeleted(logger, claim.Name, workloadClass.Metadata.Name);
        }

        foreach (var skipped in plan.Skipped)
        {
            events.Record(reference, EventKind.Warning, EventReasons.DrainSkipped, $"NodeClaim {skipped.Name} is not drained ({skipped.Reason}): {Explain(skipped)}.");
        }

        CountNewlyBlocked(workloadClass, plan.Blocked, snapshots, classTag);
        var blocked = plan.Blocked.Select(b => b.Name).ToList();
        var detail = blocked.Count == 0
            ? null
            : "Still terminating after drain.blockedAfter: " + string.Join(", ", plan.Blocked.Select(BlockedLabel)) +
              ". Look for a PodDisruptionBudget with no disruptions allowed or a pod annotated karpenter.sh/do-not-disrupt on its node; the NodePool terminationGracePeriod bounds the wait.";

        return new DrainResult(plan.Remaining, blocked, detail, plan.RecheckAt);
    }

    private void CountNewlyBlocked(
        V1Alpha1WorkloadClass workloadClass, IReadOnlyList<BlockedNodeClaim> blocked, List<NodeClaimSnapshot> snapshots, KeyValuePair<string, object?> classTag)
    {
        // A claim the stored status already names was counted before (by this replica or one before a restart).
        var reported = workloadClass.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.DrainBlocked)?.Message ?? "";
        foreach (var claim in blocked)
        {
            var uid = snapshots.First(s => s.Name == claim.Name).Uid;
            if (_countedBlocked.TryAdd(uid, workloadClass.Metadata.Name) && !reported.Contains(BlockedLabel(claim), StringComparison.Ordinal))
            {
                OperatorMetrics.DrainsBlocked.Add(1, classTag);
            }
        }
    }

    private static string Explain(SkippedNodeClaim skipped) => skipped.Reason switch
    {
        DrainSkipReasons.SelfProtection => $"the operator runs on its node {skipped.NodeName} and no other replica is ready",
        DrainSkipReasons.ProtectedNamespace => $"its node {skipped.NodeName} runs pods of drain.protectedNamespaces",
        _ => skipped.Reason,
    };

    private static string BlockedLabel(BlockedNodeClaim claim) =>
        $"{claim.Name} (since {claim.Since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)})";

    private NodeClaimSnapshot Snapshot(V1NodeClaim claim)
    {
        DateTimeOffset? deletion = claim.Metadata.DeletionTimestamp is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : null;
        deletion ??= expectations.DeletionRequestedAt(Controllers.Kinds.NodeClaim.Kind, claim.Metadata.Uid);

        var created = claim.Metadata.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : DateTimeOffset.MinValue;
        return new NodeClaimSnapshot(claim.Metadata.Name, claim.Metadata.Uid, claim.Status?.NodeName, created, deletion);
    }

    private void ForgetVanished(string className, IReadOnlyList<V1NodeClaim> claims)
    {
        var present = claims.Select(c => c.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        expectations.SettleDeletions(Controllers.Kinds.NodeClaim.Kind, className, present);
        foreach (var (uid, owner) in _countedBlocked.Where(r => r.Value == className && !present.Contains(r.Key)))
        {
            _countedBlocked.TryRemove(new KeyValuePair<string, string>(uid, owner));
        }
    }

    // The drain starts only after the zero limits are stored, so Karpenter cannot replace the nodes it drains.
    private static bool LimitsAreZero(V1NodePool? nodePool) =>
        nodePool?.Spec.Limits is { } limits &&
        limits.TryGetValue("cpu", out var cpu) && cpu == "0" &&
        limits.TryGetValue("memory", out var memory) && memory == "0";
}
