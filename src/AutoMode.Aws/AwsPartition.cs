using System.Text.RegularExpressions;

namespace AutoMode.Aws;

/// <summary>
/// An AWS partition: ARNs, DNS suffixes and the global IAM endpoint differ per partition.
/// Values from botocore's IAM endpoint rule set and partitions.json (region regexes).
/// </summary>
/// <param name="Name">ARN partition segment: <c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>.</param>
/// <param name="IamSigningRegion">IAM is global; SigV4 scopes IAM requests to this region.</param>
/// <param name="DnsSuffix">Suffix of regional service hosts.</param>
/// <param name="IamHost">Host of the partition's global IAM endpoint.</param>
public sealed partial record AwsPartition(string Name, string IamSigningRegion, string DnsSuffix, string IamHost)
{
    public static AwsPartition Aws { get; } = new("aws", "us-east-1", "amazonaws.com", "iam.amazonaws.com");

    public static AwsPartition AwsCn { get; } = new("aws-cn", "cn-north-1", "amazonaws.com.cn", "iam.cn-north-1.amazonaws.com.cn");

    public static AwsPartition AwsUsGov { get; } = new("aws-us-gov", "us-gov-west-1", "amazonaws.com", "iam.us-gov.amazonaws.com");

    /// <summary>The partition a region belongs to. Unknown shapes fall back to <see cref="Aws"/>, as the SDKs do.</summary>
    public static AwsPartition FromRegion(string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        if (ChinaRegion().IsMatch(region))
        {
            return AwsCn;
        }

        return GovCloudRegion().IsMatch(region) ? AwsUsGov : Aws;
    }

    /// <summary>The partition named in an ARN's second segment (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>).</summary>
    public static AwsPartition FromName(string name) => name switch
    {
        "aws" => Aws,
        "aws-cn" => AwsCn,
        "aws-us-gov" => AwsUsGov,
        _ => throw new ArgumentException($"Unsupported AWS partition '{name}'.", nameof(name)),
    };

    /// <summary><c>arn:{partition}:iam::{account}:role{path}{name}</c>; the path starts and ends with '/'.</summary>
    public string RoleArn(string accountId, string roleName, string path = "/") =>
        $"arn:{Name}:iam::{accountId}:role{NormalisePath(path)}{roleName}";

    /// <summary><c>arn:{partition}:eks:{region}:{account}:cluster/{name}</c>.</summary>
    public string ClusterArn(string region, string accountId, string clusterName) =>
        $"arn:{Name}:eks:{region}:{accountId}:cluster/{clusterName}";

    private static string NormalisePath(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        var withLeading = path.StartsWith('/') ? path : "/" + path;
        return withLeading.EndsWith('/') ? withLeading : withLeading + "/";
    }

    [GeneratedRegex(@"^cn-\w+-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex ChinaRegion();

    [GeneratedRegex(@"^us-gov-\w+-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex GovCloudRegion();
}
