using AutoMode.Core.Iam;

namespace AutoMode.Operator.Controllers.ClusterRolePolicy;

/// <summary>How the operator treats the cluster role's tag-propagation policy (bound from flags and environment).</summary>
internal sealed record TagPolicySettings
{
    /// <summary>EKS cluster name; empty turns IAM integration off.</summary>
    public string ClusterName { get; init; } = "";

    /// <summary>Explicit cluster role name; empty means DescribeCluster's roleArn.</summary>
    public string? ClusterRoleName { get; init; }

    public string PolicyName { get; init; } = TagPropagationPolicy.DefaultPolicyName;

    /// <summary>False: only verify and report; never write IAM.</summary>
    public bool ManageIam { get; init; } = true;

    /// <summary>Keep the policy when no class has tags any more.</summary>
    public bool KeepPolicy { get; init; }

    /// <summary>Partition when no ARN tells it (explicit role name).</summary>
    public string Partition { get; init; } = AwsPartitions.Aws;

    /// <summary>How often the policy is re-read to find drift.</summary>
    public TimeSpan Resync { get; init; } = TimeSpan.FromMinutes(5);

    public bool Enabled => ClusterName.Length > 0;
}
