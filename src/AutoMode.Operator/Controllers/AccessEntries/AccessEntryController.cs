using System.Runtime.ExceptionServices;
using AutoMode.Aws;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Status;
using AutoMode.Core.Validation;
using AutoMode.Kubernetes.Controllers;
using AutoMode.Kubernetes.Informers;
using AutoMode.Operator.Controllers.Gates;

namespace AutoMode.Operator.Controllers.AccessEntries;

/// <summary>
/// Singleton controller (one queue key) that checks, for every node role the WorkloadClasses use other than the
/// cluster's own Auto Mode node role, that an EKS access entry of type EC2 with AmazonEKSAutoNodePolicy exists
/// (DescribeAccessEntry, ListAssociatedAccessPolicies). Results are cached per role and re-read at the IAM resync
/// (missing ones sooner). With --create-access-entries it creates a missing entry and association; it never changes
/// or deletes an entry that exists.
/// </summary>
internal sealed class AccessEntryController(IObjectStore<V1Alpha1WorkloadClass> classes, AccessEntryCheck check, AccessEntrySettings settings, TimeProvider time,
    AccessEntryState state, ILogger<AccessEntryController> logger) : SingleKeyReconciler<V1Alpha1WorkloadClass, AwsServiceException>(classes)
{
    // Touched by one worker at a time (the controller runs with one worker and one key).
    private readonly Dictionary<string, Checked> _checked = new(StringComparer.Ordinal);

    /// <summary>Valid, live classes with their own node role.</summary>
    protected override bool Selects(V1Alpha1WorkloadClass candidate) =>
        candidate.Metadata.DeletionTimestamp is null && !string.IsNullOrEmpty(candidate.Spec.NodeRole) && WorkloadClassValidator.Validate(candidate).Count == 0;

    /// <summary>The cluster could not be described: every role's gate says why (a transient failure goes to the queue's backoff).</summary>
    protected override ReconcileResult? Failed(IReadOnlyList<V1Alpha1WorkloadClass> selected, AwsServiceException error)
    {
        if (error.IsRetryable)
        {
            return null;
        }

        Log.AwsFailure(logger, error.Action, error.Resource, error.ErrorCode);
        var failed = AccessEntryCheck.CheckFailed(error);
        state.Publish(new AccessEntrySnapshot(false, null, ByRole(selected).ToDictionary(g => g.Key, _ => failed, StringComparer.Ordinal)));
        return ReconcileResult.After(settings.MissingRecheck);
    }

    protected override async Task<ReconcileResult> PassAsync(IReadOnlyList<V1Alpha1WorkloadClass> selected, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cluster = await check.ClusterAsync(now, cancellationToken);
        var target = AwsArn.Parse(cluster.Arn);
        var own = cluster.ComputeConfig?.NodeRoleArn is { Length: > 0 } ownArn ? AwsArn.RoleNameFromArn(ownArn) : null;
        var results = new Dictionary<string, GateObservation>(StringComparer.Ordinal);
        var inUse = new HashSet<string>(StringComparer.Ordinal);
        var next = settings.Resync;
        AwsServiceException? transient = null;
        foreach (var users in ByRole(selected))
        {
            var nodeRole = users.Key;
            if (NodeRoleName.Reduce(nodeRole) == own)
            {
                continue;
            }

            var principal = PrincipalArn(nodeRole, target);
            inUse.Add(principal);
            _checked.TryGetValue(principal, out var previous);
            if (previous is not null && now < previous.ValidUntil)
            {
                results[nodeRole] = previous.Gate;
                next = Min(next, previous.ValidUntil - now);
                continue;
            }

            try
            {
                var gate = await check.CheckAsync(cluster.Name, target, principal, users.ToList(), cancellationToken);
                var validFor = gate.Status == ConditionStatus.True ? settings.Resync : settings.MissingRecheck;
                _checked[principal] = new Checked(gate, now + validFor);
                results[nodeRole] = gate;
                next = Min(next, validFor);
            }
            catch (AwsServiceException error) when (error.IsRetryable)
            {
                // Throttling or 5xx after the client's retries: keep the last answer and let the queue back off.
                Log.AwsFailure(logger, error.Action, error.Resource, error.ErrorCode);
                transient ??= error;
                results[nodeRole] = previous?.Gate ?? AccessEntryCheck.CheckFailed(error);
            }
            catch (AwsServiceException error)
            {
                Log.AwsFailure(logger, error.Action, error.Resource, error.ErrorCode);
                var gate = AccessEntryCheck.CheckFailed(error);
                _checked[principal] = new Checked(gate, now + settings.MissingRecheck);
                results[nodeRole] = gate;
                next = Min(next, settings.MissingRecheck);
            }
        }

        foreach (var unused in _checked.Keys.Where(p => !inUse.Contains(p)).ToList())
        {
            _checked.Remove(unused);
        }

        state.Publish(new AccessEntrySnapshot(true, own, results));
        if (transient is not null)
        {
            ExceptionDispatchInfo.Throw(transient);
        }

        return ReconcileResult.After(next);
    }

    private static IEnumerable<IGrouping<string, V1Alpha1WorkloadClass>> ByRole(IReadOnlyList<V1Alpha1WorkloadClass> selected) =>
        selected.GroupBy(c => c.Spec.NodeRole!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);

    /// <summary>A role name becomes a role ARN in the cluster's account and partition; an ARN (which may carry a path) is used as given.</summary>
    private static string PrincipalArn(string nodeRole, AwsArn cluster) =>
        nodeRole.StartsWith("arn:", StringComparison.Ordinal) ? nodeRole : $"arn:{cluster.Partition}:iam::{cluster.AccountId}:role/{nodeRole}";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;

    private sealed record Checked(GateObservation Gate, DateTimeOffset ValidUntil);
}
