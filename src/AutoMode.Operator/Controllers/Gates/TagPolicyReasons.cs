namespace AutoMode.Operator.Controllers.Gates;

/// <summary>TagPolicyReady reasons beyond the shared ones; README "Troubleshooting" explains each.</summary>
internal static class TagPolicyReasons
{
    public const string NotChecked = "NotChecked";
    public const string AccessDenied = "AccessDenied";
    public const string RoleNotFound = "RoleNotFound";
    public const string ClusterNotFound = "ClusterNotFound";
    public const string TrustPolicyMissingTagSession = "TrustPolicyMissingTagSession";
    public const string PolicyMissing = "PolicyMissing";
    public const string MalformedPolicy = "MalformedPolicy";
    public const string LimitExceeded = "LimitExceeded";
    public const string AwsError = "AwsError";
}
