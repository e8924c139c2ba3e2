namespace AutoMode.Aws;

/// <summary>The parts of an IAM role the operator reads; <c>AssumeRolePolicyDocument</c> is the trust policy JSON, URL-decoded.</summary>
public sealed record IamRole(string Arn, string RoleName, string Path, string? RoleId, string AssumeRolePolicyDocument);
