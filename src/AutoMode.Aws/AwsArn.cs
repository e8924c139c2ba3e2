namespace AutoMode.Aws;

/// <summary>A parsed ARN: <c>arn:partition:service:region:account:resource</c>.</summary>
public sealed record AwsArn(string Partition, string Service, string Region, string AccountId, string Resource)
{
    public static bool TryParse(string? value, out AwsArn arn)
    {
        arn = null!;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var parts = value.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[1].Length == 0 || parts[2].Length == 0 || parts[5].Length == 0)
        {
            return false;
        }

        arn = new AwsArn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }

    public static AwsArn Parse(string value) =>
        TryParse(value, out var arn) ? arn : throw new FormatException($"'{value}' is not an ARN.");

    /// <summary>
    /// The IAM role name of a role ARN (<c>arn:aws:iam::123:role/optional/path/Name</c> gives <c>Name</c>): IAM APIs
    /// take the bare name, and role paths may contain '/', so the name is the segment after the last '/'.
    /// </summary>
    public static string RoleNameFromArn(string roleArn)
    {
        var arn = Parse(roleArn);
        if (arn.Service != "iam" || !arn.Resource.StartsWith("role/", StringComparison.Ordinal))
        {
            throw new FormatException($"'{roleArn}' is not an IAM role ARN.");
        }

        var name = arn.Resource[(arn.Resource.LastIndexOf('/') + 1)..];
        return name.Length > 0 ? name : throw new FormatException($"'{roleArn}' has no role name.");
    }

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{AccountId}:{Resource}";
}
