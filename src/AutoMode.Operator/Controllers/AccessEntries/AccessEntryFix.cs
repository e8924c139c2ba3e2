namespace AutoMode.Operator.Controllers.AccessEntries;

/// <summary>The exact AWS CLI commands that give a custom node role what Auto Mode nodes need to join the cluster.</summary>
internal static class AccessEntryFix
{
    public const string EntryType = "EC2";
    public const string AutoNodePolicyName = "AmazonEKSAutoNodePolicy";

    public static string AutoNodePolicyArn(string partition) => $"arn:{partition}:eks::aws:cluster-access-policy/{AutoNodePolicyName}";

    public static string CreateCommand(string cluster, string region, string principalArn) =>
        $"aws eks create-access-entry --cluster-name {cluster} --principal-arn {principalArn} --type {EntryType} --region {region}";

    public static string AssociateCommand(string cluster, string region, string partition, string principalArn) =>
        $"aws eks associate-access-policy --cluster-name {cluster} --principal-arn {principalArn} --policy-arn {AutoNodePolicyArn(partition)} --access-scope type=cluster --region {region}";

    public static string DeleteCommand(string cluster, string region, string principalArn) =>
        $"aws eks delete-access-entry --cluster-name {cluster} --principal-arn {principalArn} --region {region}";
}
