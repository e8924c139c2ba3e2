namespace AutoMode.Testing.Aws;

/// <summary>One request the fake AWS endpoint received (no timestamps: order is <see cref="Sequence"/>/<see cref="Index"/>).</summary>
/// <param name="Sequence">Global monotonic number shared with other fakes (<see cref="FakeAwsServer.NextSequence"/> by default).</param>
/// <param name="Index">0-based position in this server's log.</param>
/// <param name="Service"><c>iam</c> or <c>eks</c>.</param>
/// <param name="Operation">API operation, e.g. <c>PutRolePolicy</c>, <c>DescribeCluster</c>; <c>Unknown</c> if unroutable.</param>
/// <param name="RoleName">IAM <c>RoleName</c> parameter, if any.</param>
/// <param name="PolicyName">IAM <c>PolicyName</c> parameter, if any.</param>
/// <param name="ClusterName">EKS cluster name in the path, if any.</param>
/// <param name="PrincipalArn">EKS principal ARN in the path or body, if any.</param>
/// <param name="StatusCode">HTTP status answered (0 when the connection was dropped).</param>
/// <param name="ErrorCode">Error code answered, null on success.</param>
/// <param name="Injected">True when the answer was an injected fault (state untouched, except for <see cref="FakeAwsFaults.FailNextAfterApply"/>).</param>
public sealed record FakeAwsRequest(
    long Sequence,
    int Index,
    string Service,
    string Operation,
    string? RoleName,
    string? PolicyName,
    string? ClusterName,
    string? PrincipalArn,
    int StatusCode,
    string? ErrorCode,
    bool Injected)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
