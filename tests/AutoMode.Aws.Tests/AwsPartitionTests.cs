namespace AutoMode.Aws.Tests;

public class AwsPartitionTests
{
    public static TheoryData<string, string, string> Regions => new()
    {
        { "us-east-1", "aws", "commercial" },
        { "ap-southeast-7", "aws", "new commercial regions" },
        { "cn-north-1", "aws-cn", "Beijing" },
        { "cn-northwest-1", "aws-cn", "Ningxia" },
        { "us-gov-west-1", "aws-us-gov", "GovCloud West" },
        { "us-gov-east-1", "aws-us-gov", "GovCloud East (not confused with us-*)" },
    };

    [Theory]
    [MemberData(nameof(Regions))]
    public void FromRegion_PicksPartition(string region, string partition, string reason) =>
        Assert.True(AwsPartition.FromRegion(region).Name == partition, reason);

    [Fact]
    public void RoleArn_UsesPartitionAndNormalisesPath()
    {
        Assert.Equal("arn:aws-cn:iam::123456789012:role/eks/AutoCluster", AwsPartition.AwsCn.RoleArn("123456789012", "AutoCluster", "eks"));
        Assert.Equal("arn:aws-us-gov:iam::123456789012:role/R", AwsPartition.AwsUsGov.RoleArn("123456789012", "R"));
    }

    [Fact]
    public void ClusterArn_UsesPartition() =>
        Assert.Equal("arn:aws-cn:eks:cn-north-1:1:cluster/c", AwsPartition.AwsCn.ClusterArn("cn-north-1", "1", "c"));

    [Fact]
    public void FromName_UnknownPartition_Throws() =>
        Assert.Throws<ArgumentException>(() => AwsPartition.FromName("aws-iso"));
}
