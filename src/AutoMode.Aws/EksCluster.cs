namespace AutoMode.Aws;

/// <summary>
/// The parts of <c>DescribeCluster</c> the operator uses. <c>RoleArn</c> is the cluster IAM role: the role that needs
/// the tag-propagation policy.
/// </summary>
public sealed record EksCluster(string Name, string Arn, string RoleArn, string? Status, string? Version, EksComputeConfig? ComputeConfig)
{
    /// <summary>IAM role name of <see cref="RoleArn"/> (segment after the last '/', so role paths are handled).</summary>
    public string RoleName => AwsArn.RoleNameFromArn(RoleArn);
}
