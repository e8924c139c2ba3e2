using AutoMode.Aws;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Status;
using AutoMode.Kubernetes.Events;

namespace AutoMode.Operator.Controllers.AccessEntries;

/// <summary>
/// One node role's access entry, read from EKS and, with --create-access-entries, created or completed: the entry of
/// type EC2 and its AmazonEKSAutoNodePolicy association. The answer is the NodeRoleAccessEntryReady gate, whose
/// message carries the exact commands that fix it. An entry that exists is never changed or deleted.
/// </summary>
internal sealed class AccessEntryCheck(IEksApi eks, AccessEntrySettings settings, IEventRecorder events, ILogger<AccessEntryCheck> logger)
{
    // Touched by one worker at a time (the controller runs with one worker and one key).
    private EksCluster? _cluster;
    private DateTimeOffset _clusterReadAt;

    /// <summary>The cluster (its ARN and Auto Mode's own node role), described again at the IAM resync.</summary>
    public async Task<EksCluster> ClusterAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_cluster is null || now - _clusterReadAt >= settings.Resync)
        {
            _cluster = await eks.DescribeClusterAsync(settings.ClusterName, cancellationToken);
            _clusterReadAt = now;
        }

        return _cluster;
    }

    public async Task<GateObservation> CheckAsync(string cluster, AwsArn target, string principal, IReadOnlyList<V1Alpha1WorkloadClass> users, CancellationToken cancellationToken)
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
    public static GateObservation CheckFailed(AwsServiceException error) => new(ConditionStatus.Unknown, AccessEntryReasons.CheckFailed,
        error switch
        {
            AwsServiceException { Kind: AwsErrorKind.AccessDenied } =>
                $"Cannot check the node role's EKS access entry: the operator is not allowed to perform {error.Action} on {error.Resource}. Grant it (config/iam/operator-policy.json).",
            { Kind: AwsErrorKind.EndpointNotFound } =>
                $"Cannot check the node role's EKS access entry: the EKS endpoint answered {error.Action} on {error.Resource} with HTTP 404 and no AWS error code, " +
                "so it does not serve the access-entry API (check AWS_ENDPOINT_URL_EKS / AWS_ENDPOINT_URL, proxies, or the emulator); retrying.",
            _ => $"Cannot check the node role's EKS access entry: {error.Action} on {error.Resource} failed with {error.ErrorCode}; retrying.",
        });

    private void Record(IReadOnlyList<V1Alpha1WorkloadClass> users, string reason, string message)
    {
        foreach (var workloadClass in users)
        {
            events.Record(ClassReference.Of(workloadClass), EventKind.Normal, reason, message);
        }
    }
}
