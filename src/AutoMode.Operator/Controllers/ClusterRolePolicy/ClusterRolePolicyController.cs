using AutoMode.Aws;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Iam;
using AutoMode.Core.Validation;
using AutoMode.Kubernetes.Controllers;
using AutoMode.Kubernetes.Events;
using AutoMode.Kubernetes.Informers;
using AutoMode.Operator.Controllers.Gates;

namespace AutoMode.Operator.Controllers.ClusterRolePolicy;

/// <summary>
/// Singleton controller (one queue key) for the cluster IAM role's tag-propagation inline policy. The desired document
/// is computed from all cached WorkloadClasses: present when any valid class has tags. It only ever reads, writes or
/// deletes that one policy name, never deletes on an ambiguous error, and rewrites nothing that is already equivalent.
/// External removal (e.g. Terraform with exclusive inline policies) is found on the resync and restored.
/// </summary>
internal sealed class ClusterRolePolicyController(
    IObjectStore<V1Alpha1WorkloadClass> classes,
    IIamRolePolicyApi iam,
    IEksApi eks,
    TagPolicyState state,
    TagPolicySettings settings,
    IEventRecorder events,
    TimeProvider time,
    ILogger<ClusterRolePolicyController> logger) : SingleKeyReconciler<V1Alpha1WorkloadClass, AwsServiceException>(classes)
{
    private ClusterRole? _role;

    protected override ReconcileResult? WhenDisabled()
    {
        if (settings.Enabled)
        {
            return null;
        }

        state.Publish(new TagPolicySnapshot(TagPolicyPhase.Disabled, TagPolicyReasons.NotChecked,
            "IAM integration is off (no --cluster-name): make sure the cluster IAM role carries the tag-propagation policy (README \"AWS permissions\")."));
        return ReconcileResult.Done;
    }

    /// <summary>Valid, live classes with tags: they need the policy.</summary>
    protected override bool Selects(V1Alpha1WorkloadClass candidate) =>
        candidate.Metadata.DeletionTimestamp is null && candidate.Spec.Tags is { Count: > 0 } && WorkloadClassValidator.Validate(candidate).Count == 0;

    protected override async Task<ReconcileResult> PassAsync(IReadOnlyList<V1Alpha1WorkloadClass> tagged, CancellationToken cancellationToken)
    {
        var role = _role ??= await ResolveRoleAsync(cancellationToken);
        if (tagged.Count == 0)
        {
            await RemoveIfUnneededAsync(role, cancellationToken);
        }
        else
        {
            await ReconcilePolicyAsync(role, tagged, cancellationToken);
        }

        return ReconcileResult.After(settings.Resync);
    }

    protected override ReconcileResult? Failed(IReadOnlyList<V1Alpha1WorkloadClass> tagged, AwsServiceException error)
    {
        var snapshot = Describe(error);
        if (snapshot.UserActionRequired || state.Current.Phase != TagPolicyPhase.Confirmed)
        {
            state.Publish(snapshot);
        }

        Log.AwsFailure(logger, error.Action, error.Resource, error.ErrorCode);

        // Nothing changes until someone fixes permissions or the role: check again on the resync, not in a hot loop.
        // Transient (throttling or 5xx after the client's own retries): null hands it to the queue's per-key backoff.
        return snapshot.UserActionRequired ? ReconcileResult.After(settings.Resync) : null;
    }

    private async Task ReconcilePolicyAsync(ClusterRole role, IReadOnlyList<V1Alpha1WorkloadClass> tagged, CancellationToken cancellationToken)
    {
        var trust = await iam.GetRoleAsync(role.Name, cancellationToken);
        role.Arn = trust.Arn;
        if (!TrustPolicyCheck.AllowsTagSession(trust.AssumeRolePolicyDocument))
        {
            state.Publish(new TagPolicySnapshot(TagPolicyPhase.Failed, TagPolicyReasons.TrustPolicyMissingTagSession,
                $"The trust policy of cluster role {role.Name} does not allow sts:TagSession for eks.amazonaws.com; the tag-propagation policy " +
                "depends on the ${aws:PrincipalTag/eks:eks-cluster-name} session tag. Add \"sts:TagSession\" next to \"sts:AssumeRole\" in its trust policy.",
                UserActionRequired: true));
            return;
        }

        var desired = TagPropagationPolicy.Create(role.Partition);
        var current = await iam.GetRolePolicyAsync(role.Name, settings.PolicyName, cancellationToken);
        if (current is not null && PolicyDocument.AreEquivalent(current, desired.ToCanonicalJson()))
        {
            Confirm(role, since: state.Current.Phase == TagPolicyPhase.Confirmed ? state.Current.ConfirmedAt : null);
            return;
        }

        if (!settings.ManageIam)
        {
            state.Publish(new TagPolicySnapshot(TagPolicyPhase.Failed, TagPolicyReasons.PolicyMissing,
                $"Cluster role {role.Name} has no inline policy {settings.PolicyName} equal to the tag-propagation policy, and the operator " +
                "only verifies (--manage-iam=false). Attach it (`automode-operator render` prints it) or enable --manage-iam.",
                UserActionRequired: true));
            return;
        }

        var wasConfirmed = state.Current.Phase == TagPolicyPhase.Confirmed;
        if (current is not null || wasConfirmed)
        {
            var what = current is null ? "was removed" : "was changed";
            OperatorMetrics.TagPolicyDrift.Add(1);
            foreach (var workloadClass in tagged)
            {
                events.Record(ClassReference.Of(workloadClass), EventKind.Warning, "TagPolicyDrift",
                    $"Inline policy {settings.PolicyName} on cluster role {role.Name} {what} outside the operator; restoring it.");
            }
        }

        await iam.PutRolePolicyAsync(role.Name, settings.PolicyName, desired.ToCanonicalJson(), cancellationToken);
        var readBack = await iam.GetRolePolicyAsync(role.Name, settings.PolicyName, cancellationToken);
        if (readBack is null || !PolicyDocument.AreEquivalent(readBack, desired.ToCanonicalJson()))
        {
            state.Publish(new TagPolicySnapshot(TagPolicyPhase.Failed, TagPolicyReasons.AwsError,
                $"Wrote inline policy {settings.PolicyName} to cluster role {role.Name} but could not read it back yet; retrying."));
            throw new InvalidOperationException($"inline policy {settings.PolicyName} on {role.Name} not readable after PutRolePolicy");
        }

        Log.PolicyAttached(logger, settings.PolicyName, role.Name);
        Confirm(role, since: null);
    }

    private void Confirm(ClusterRole role, DateTimeOffset? since)
    {
        var confirmedAt = since ?? time.GetUtcNow();
        state.Publish(new TagPolicySnapshot(TagPolicyPhase.Confirmed, "TagPolicyAttached",
            $"Inline policy {settings.PolicyName} on cluster role {role.Name} allows Auto Mode to tag the instances, volumes and network interfaces it creates.",
            confirmedAt));
    }

    private async Task RemoveIfUnneededAsync(ClusterRole role, CancellationToken cancellationToken)
    {
        state.Publish(new TagPolicySnapshot(TagPolicyPhase.Pending, "NotRequired", "No WorkloadClass has tags."));
        if (!settings.ManageIam || settings.KeepPolicy)
        {
            return;
        }

        // Only delete what was read successfully just now, and only our one policy name.
        var current = await iam.GetRolePolicyAsync(role.Name, settings.PolicyName, cancellationToken);

        // A class may have gained tags since the list above and already seen the gate still open: keep the policy;
        // that class's event brings this controller back.
        if (Select().Count > 0)
        {
            return;
        }

        if (current is not null && await iam.DeleteRolePolicyAsync(role.Name, settings.PolicyName, cancellationToken))
        {
            Log.PolicyRemoved(logger, settings.PolicyName, role.Name);
        }
    }

    private async Task<ClusterRole> ResolveRoleAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(settings.ClusterRoleName))
        {
            return new ClusterRole(settings.ClusterRoleName, settings.Partition);
        }

        var cluster = await eks.DescribeClusterAsync(settings.ClusterName, cancellationToken);
        var partition = AwsArn.TryParse(cluster.RoleArn, out var arn) ? arn.Partition : settings.Partition;
        return new ClusterRole(AwsArn.RoleNameFromArn(cluster.RoleArn), partition) { Arn = cluster.RoleArn };
    }

    private TagPolicySnapshot Describe(AwsServiceException error) => error switch
    {
        AwsServiceException { Kind: AwsErrorKind.AccessDenied } denied => new TagPolicySnapshot(TagPolicyPhase.Failed, TagPolicyReasons.AccessDenied,
            $"The operator is not allowed to perform {denied.Action} on {DeniedResource(denied)}. Grant it (config/iam/operator-policy.json), " +
            "or run with --manage-iam=false and attach the policy yourself.", UserActionRequired: true),
        AwsServiceException { Kind: AwsErrorKind.NotFound } notFound when notFound.Service == "eks" => new TagPolicySnapshot(TagPolicyPhase.Failed, TagPolicyReasons.ClusterNotFound,
            $"EKS cluster {settings.ClusterName} was not found ({notFound.Action}); check --cluster-name and the region.", UserActionRequired: true),
        AwsServiceException { Kind: AwsErrorKind.NotFound } notFound => new TagPolicySnapshot(TagPolicyPhase.Failed, TagPolicyReasons.RoleNotFound,
            $"The cluster IAM role was not found ({notFound.Action} on {notFound.Resource}); check --cluster-role-name.", UserActionRequired: true),
        AwsServiceException { Kind: AwsErrorKind.MalformedPolicyDocument } => new TagPolicySnapshot(TagPolicyPhase.Failed, TagPolicyReasons.MalformedPolicy,
            "IAM rejected the tag-propagation policy document as malformed; nothing was deleted. Report this as a bug.", UserActionRequired: true),
        AwsServiceException { Kind: AwsErrorKind.LimitExceeded } => new TagPolicySnapshot(TagPolicyPhase.Failed, TagPolicyReasons.LimitExceeded,
            $"The inline policies of the cluster role exceed IAM's 10,240-character limit; make room for {settings.PolicyName}.", UserActionRequired: true),
        // Not error.Message: it carries the request id, and a snapshot that changed on every failure would rewrite every tagged class's status.
        _ => new TagPolicySnapshot(TagPolicyPhase.Failed, TagPolicyReasons.AwsError,
            $"{error.Action} on {error.Resource} failed with {error.ErrorCode}; retrying with backoff."),
    };

    // The IAM client only knows the bare role name (and builds path-less ARNs); the role ARN from DescribeCluster or
    // GetRole carries the path, which is what a permission policy's Resource has to match.
    private string DeniedResource(AwsServiceException denied) =>
        denied.Service == AwsEndpointResolver.IamSigningName && _role?.Arn is { Length: > 0 } arn ? arn : denied.Resource;

    private sealed record ClusterRole(string Name, string Partition)
    {
        public string? Arn { get; set; }
    }
}
