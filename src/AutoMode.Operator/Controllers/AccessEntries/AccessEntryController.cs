using System.Runtime.ExceptionServices;
using AutoMode.Aws;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Status;
using AutoMode.Core.Validation;
using AutoMode.Kubernetes.Controllers;
using AutoMode.Kubernetes.Events;
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
internal sealed class AccessEntryController(
    IObjectStore<V1Alpha1WorkloadClass> classes,
    IEksApi eks,
    AccessEntryState state,
    AccessEntrySettings settings,
    IEventRecorder events,
    TimeProvider time,
    ILogger<AccessEntryController> logger) : IReconciler
{
    public const string Name = "accessentries";

    /// <summary>The only queue key: every WorkloadClass event maps to it.</summary>
    public const string Key = "accessentries";

    // Touched by one worker at a time (the controller runs with one worker and one key).
    private readonly Dictionary<string, Checked> _checked = new(StringComparer.Ordinal);
    private EksCluster? _cluster;
    private DateTimeOffset _clusterReadAt;

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var byRole = classes.List()
            .Where(c => c.Metadata.DeletionTimestamp is null && !string.IsNullOrEmpty(c.Spec.NodeRole) && WorkloadClassValidator.Validate(c).Count == 0)
            .GroupBy(c => c.Spec.NodeRole!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        EksCluster cluster;
        try
        {
            cluster = await ClusterAsync(now, cancellationToken);
        }
        catch (AwsServiceException error) when (!error.IsRetryable)
        {
            Log.AwsFailure(logger, error.Action, error.Resource, error.ErrorCode);
            var failed = CheckFailed(error);
            state.Publish(new AccessEntrySnapshot(false, null, byRole.ToDictionary(g => g.Key, _ => failed, StringComparer.Ordinal)));
            return ReconcileResult.After(settings.MissingRecheck);
        }

        var target = AwsArn.Parse(cluster.Arn);
        var own = cluster.ComputeConfig?.NodeRoleArn is { Length: > 0 } ownArn ? AwsArn.RoleNameFromArn(ownArn) : null;
        var results = new Dictionary<string, GateObservation>(StringComparer.Ordinal);
        var inUse = new HashSet<string>(StringComparer.Ordinal);
        var next = settings.Resync;
        AwsServiceException? transient = null;
        foreach (var users in byRole)
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
                var gate = await CheckAsync(cluster.Name, target, principal, users.ToList(), cancellationToken);
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
                results[nodeRole] = previous?.Gate ?? CheckFailed(error);
            }
            catch (AwsServiceException error)
            {
                Log.AwsFailure(logger, error.Action, error.Resource, error.ErrorCode);
                var gate = CheckFailed(error);
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

    private async Task<EksCluster> ClusterAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_cluster is null || now - _clusterReadAt >= settings.Resync)
        {
            _cluster = await eks.DescribeClusterAsync(settings.ClusterName, cancellationToken);
            _clusterReadAt = now;
        }

        return _cluster;
    }

    private async Task<GateObservation> CheckAsync(string cluster, AwsArn target, string principal, IReadOnlyList<V1Alpha1WorkloadClass> users, CancellationToken cancellationToken)
    {
        var entry = await eks.DescribeAccessEntryAsync(cluster, principal, cancellationToken);
        if (entry is null)
        {
            if (!settings.CreateMissing)
            {
                return Missing(cluster, target, principal, entryExists: false, note: null);
            }

            try
            {
                await eks.CreateAccessEntryAsync(cluster, principal, AccessEntryFix.EntryType, cancellationToken);
                Log.EntryCreated(logger, principal, cluster);
                Record(users, "AccessEntryCreated", $"Created EKS access entry of type EC2 for node role {principal} on cluster {cluster}.");
            }
            catch (AwsServiceException denied) when (denied.Kind == AwsErrorKind.AccessDenied)
            {
                return Missing(cluster, target, principal, entryExists: false, NotAllowed(denied));
            }
            catch (AwsServiceException error) when (error.Kind == AwsErrorKind.Conflict)
            {
                // Someone created it between our read and our create: read what is there now.
                Log.AwsFailure(logger, error.Action, error.Resource, error.ErrorCode);
            }

            entry = await eks.DescribeAccessEntryAsync(cluster, principal, cancellationToken);
            if (entry is null)
            {
                return new GateObservation(ConditionStatus.Unknown, AccessEntryReasons.Creating,
                    $"Created the EKS access entry for node role {principal}; waiting until it can be read back.");
            }
        }

        if (!string.Equals(entry.Type, AccessEntryFix.EntryType, StringComparison.Ordinal))
        {
            // Never changed or deleted by the operator, even with --create-access-entries: it may serve something else.
            return new GateObservation(ConditionStatus.False, ConditionReasons.NodeRoleAccessEntryMissing,
                $"Node role {principal} has an EKS access entry of type {entry.Type ?? "unknown"} on cluster {cluster}; Auto Mode nodes need type EC2. " +
                $"Replace it: `{AccessEntryFix.DeleteCommand(cluster, target.Region, principal)}`, then " +
                $"`{AccessEntryFix.CreateCommand(cluster, target.Region, principal)}` and " +
                $"`{AccessEntryFix.AssociateCommand(cluster, target.Region, target.Partition, principal)}`.",
                UserActionRequired: true);
        }

        var policyArn = AccessEntryFix.AutoNodePolicyArn(target.Partition);
        var policies = await eks.ListAssociatedAccessPoliciesAsync(cluster, principal, cancellationToken);
        if (!HasAutoNodePolicy(policies, policyArn))
        {
            if (!settings.CreateMissing)
            {
                return Missing(cluster, target, principal, entryExists: true, note: null);
            }

            try
            {
                await eks.AssociateAccessPolicyAsync(cluster, principal, policyArn, EksAccessScope.Cluster, cancellationToken);
                Log.PolicyAssociated(logger, policyArn, principal, cluster);
                Record(users, "AccessPolicyAssociated", $"Associated {AccessEntryFix.AutoNodePolicyName} (cluster scope) with the access entry of node role {principal}.");
            }
            catch (AwsServiceException denied) when (denied.Kind == AwsErrorKind.AccessDenied)
            {
                return Missing(cluster, target, principal, entryExists: true, NotAllowed(denied));
            }

            policies = await eks.ListAssociatedAccessPoliciesAsync(cluster, principal, cancellationToken);
            if (!HasAutoNodePolicy(policies, policyArn))
            {
                return new GateObservation(ConditionStatus.Unknown, AccessEntryReasons.Creating,
                    $"Associated {AccessEntryFix.AutoNodePolicyName} with the access entry of node role {principal}; waiting until it can be read back.");
            }
        }

        return new GateObservation(ConditionStatus.True, ConditionReasons.AccessEntryPresent,
            $"Node role {principal} has an EKS access entry of type EC2 with {AccessEntryFix.AutoNodePolicyName} on cluster {cluster}.");
    }

    private static bool HasAutoNodePolicy(IReadOnlyList<EksAssociatedAccessPolicy> policies, string policyArn) =>
        policies.Any(p => string.Equals(p.PolicyArn, policyArn, StringComparison.Ordinal) && p.AccessScope.Type == EksAccessScope.Cluster.Type);

    private static GateObservation Missing(string cluster, AwsArn target, string principal, bool entryExists, string? note)
    {
        var associate = AccessEntryFix.AssociateCommand(cluster, target.Region, target.Partition, principal);
        var what = entryExists
            ? $"The EKS access entry of node role {principal} on cluster {cluster} has no {AccessEntryFix.AutoNodePolicyName} (cluster scope), so nodes of this class cannot join. Fix: `{associate}`"
            : $"Node role {principal} has no EKS access entry on cluster {cluster}, so nodes of this class cannot join (Auto Mode only grants its own node role one). " +
              $"Fix: `{AccessEntryFix.CreateCommand(cluster, target.Region, principal)}` and `{associate}`";
        var message = what + (note is null ? ", or run the operator with --create-access-entries." : ". " + note);
        return new GateObservation(ConditionStatus.False, ConditionReasons.NodeRoleAccessEntryMissing, message, UserActionRequired: true);
    }

    private static string NotAllowed(AwsServiceException denied) =>
        $"The operator tried (--create-access-entries) but is not allowed to perform {denied.Action} on {denied.Resource} (config/iam/operator-policy-access-entries.json).";

    // The message names the call and the code, never the request id: a status that changed on every failure would be rewritten every time.
    // A 404 without an AWS error code (AwsErrorKind.EndpointNotFound) is NOT a missing entry: EKS names that with
    // ResourceNotFoundException. It means the EKS endpoint does not serve the access-entry API (a wrong
    // AWS_ENDPOINT_URL_EKS, a proxy, an emulator such as moto 5.2.1), so the gate stays Unknown and is re-read after
    // MissingRecheck, instead of telling users to create entries that may well exist (README "Troubleshooting").
    private static GateObservation CheckFailed(AwsServiceException error) => new(ConditionStatus.Unknown, AccessEntryReasons.CheckFailed,
        error switch
        {
            AwsServiceException { Kind: AwsErrorKind.AccessDenied } =>
                $"Cannot check the node role's EKS access entry: the operator is not allowed to perform {error.Action} on {error.Resource}. Grant it (config/iam/operator-policy.json).",
            { Kind: AwsErrorKind.EndpointNotFound } =>
                $"Cannot check the node role's EKS access entry: the EKS endpoint answered {error.Action} on {error.Resource} with HTTP 404 and no AWS error code, " +
                "so it does not serve the access-entry API (check AWS_ENDPOINT_URL_EKS / AWS_ENDPOINT_URL, proxies, or the emulator); retrying.",
            _ => $"Cannot check the node role's EKS access entry: {error.Action} on {error.Resource} failed with {error.ErrorCode}; retrying.",
        });

    /// <summary>A role name becomes a role ARN in the cluster's account and partition; an ARN (which may carry a path) is used as given.</summary>
    private static string PrincipalArn(string nodeRole, AwsArn cluster) =>
        nodeRole.StartsWith("arn:", StringComparison.Ordinal) ? nodeRole : $"arn:{cluster.Partition}:iam::{cluster.AccountId}:role/{nodeRole}";

    private void Record(IReadOnlyList<V1Alpha1WorkloadClass> users, string reason, string message)
    {
        foreach (var workloadClass in users)
        {
            events.Record(ClassReference.Of(workloadClass), EventKind.Normal, reason, message);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;

    private sealed record Checked(GateObservation Gate, DateTimeOffset ValidUntil);
}
