namespace AutoMode.Aws;

/// <summary>AWS settings of the operator (bound from flags/environment by the host).</summary>
public sealed record AwsOptions
{
    public const string DefaultPolicyName = "automode-operator-tag-propagation";

    /// <summary>EKS cluster name (DescribeCluster finds the cluster role from it).</summary>
    public string ClusterName { get; init; } = string.Empty;

    /// <summary>Region; null resolves through <see cref="AwsRegionResolver"/>.</summary>
    public string? Region { get; init; }

    /// <summary>Cluster IAM role name; null means "take it from DescribeCluster's roleArn".</summary>
    public string? ClusterRoleName { get; init; }

    /// <summary>The one inline policy name the operator reads, writes and deletes.</summary>
    public string PolicyName { get; init; } = DefaultPolicyName;

    /// <summary>Account id for ARNs in error messages before any ARN was observed; optional.</summary>
    public string? AccountId { get; init; }

    /// <summary>Total attempts per API call (first try included) for throttling, 5xx and connection failures.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Base of the jittered exponential backoff.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap of one backoff delay.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
