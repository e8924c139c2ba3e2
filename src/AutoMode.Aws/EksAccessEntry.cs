namespace AutoMode.Aws;

/// <summary>
/// An EKS access entry (<c>DescribeAccessEntry</c> / <c>CreateAccessEntry</c> output). <c>Type</c> is
/// <c>STANDARD</c>, <c>EC2</c> (Auto Mode nodes), <c>EC2_LINUX</c>, ...
/// </summary>
public sealed record EksAccessEntry(
    string ClusterName,
    string PrincipalArn,
    string? AccessEntryArn,
    string? Type,
    string? Username,
    IReadOnlyList<string> KubernetesGroups);
