using AutoMode.Core.Iam;

namespace AutoMode.Core.Tests.Iam;

public sealed class AwsPartitionsTests
{
    public static TheoryData<string, string?, string> RegionCases => new()
    {
        { "commercial", "us-east-1", "aws" },
        { "europe", "eu-central-1", "aws" },
        { "china", "cn-north-1", "aws-cn" },
        { "china northwest", "cn-northwest-1", "aws-cn" },
        { "govcloud west", "us-gov-west-1", "aws-us-gov" },
        { "govcloud east", "us-gov-east-1", "aws-us-gov" },
        { "no region", null, "aws" },
        { "us- without gov is commercial", "us-west-2", "aws" },
    };

    [Theory]
    [MemberData(nameof(RegionCases))]
    public void FromRegion_MapsToPartition(string reason, string? region, string expected)
    {
        Assert.True(AwsPartitions.FromRegion(region) == expected, reason);
    }

    public static TheoryData<string, string?, string?> ArnCases => new()
    {
        { "commercial role", "arn:aws:iam::123456789012:role/Cluster", "aws" },
        { "china role", "arn:aws-cn:iam::123456789012:role/Cluster", "aws-cn" },
        { "govcloud role", "arn:aws-us-gov:iam::123456789012:role/x/Cluster", "aws-us-gov" },
        { "not an ARN", "Cluster", null },
        { "empty partition", "arn::iam::1:role/x", null },
        { "truncated", "arn:aws", null },
        { "null", null, null },
    };

    [Theory]
    [MemberData(nameof(ArnCases))]
    public void FromArn_ReadsPartitionField(string reason, string? arn, string? expected)
    {
        Assert.True(AwsPartitions.FromArn(arn) == expected, reason);
    }
}
