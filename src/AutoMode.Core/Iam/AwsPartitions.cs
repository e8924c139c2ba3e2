namespace AutoMode.Core.Iam;

/// <summary>AWS partition names, as they appear in ARNs.</summary>
public static class AwsPartitions
{
    public const string Aws = "aws";
    public const string China = "aws-cn";
    public const string GovCloud = "aws-us-gov";

    public static IReadOnlyList<string> All { get; } = [Aws, China, GovCloud];

    /// <summary>cn-* regions are aws-cn, us-gov-* are aws-us-gov, everything else aws.</summary>
    public static string FromRegion(string? region)
    {
        if (region is null)
        {
            return Aws;
        }

        if (region.StartsWith("cn-", StringComparison.OrdinalIgnoreCase))
        {
            return China;
        }

        return region.StartsWith("us-gov-", StringComparison.OrdinalIgnoreCase) ? GovCloud : Aws;
    }

    /// <summary>The partition field of an ARN (arn:PARTITION:service:...), or null when the text is not an ARN.</summary>
    public static string? FromArn(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var end = arn.IndexOf(':', 4);
        return end <= 4 ? null : arn[4..end];
    }
}
