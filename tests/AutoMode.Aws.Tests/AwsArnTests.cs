namespace AutoMode.Aws.Tests;

public class AwsArnTests
{
    public static TheoryData<string, string, string> RoleArns => new()
    {
        { "arn:aws:iam::123456789012:role/AmazonEKSAutoClusterRole", "AmazonEKSAutoClusterRole", "no path" },
        { "arn:aws:iam::123456789012:role/eks/clusters/prod-cluster-role", "prod-cluster-role", "role path: the name is after the last '/'" },
        { "arn:aws-cn:iam::123456789012:role/service-role/r", "r", "China partition" },
        { "arn:aws-us-gov:iam::123456789012:role/x.y@z", "x.y@z", "name characters allowed by IAM" },
    };

    [Theory]
    [MemberData(nameof(RoleArns))]
    public void RoleNameFromArn_TakesSegmentAfterLastSlash(string arn, string name, string reason) =>
        Assert.True(AwsArn.RoleNameFromArn(arn) == name, reason);

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/bob")]
    [InlineData("arn:aws:eks:us-east-1:123456789012:cluster/c")]
    [InlineData("AmazonEKSAutoClusterRole")]
    [InlineData("arn:aws:iam::123456789012:role/")]
    public void RoleNameFromArn_NotARoleArn_Throws(string value) =>
        Assert.Throws<FormatException>(() => AwsArn.RoleNameFromArn(value));

    [Fact]
    public void Parse_RoundTrips()
    {
        var arn = AwsArn.Parse("arn:aws:eks:us-west-2:111122223333:access-entry/c/role/111122223333/n/uuid");

        Assert.Equal(("aws", "eks", "us-west-2", "111122223333"), (arn.Partition, arn.Service, arn.Region, arn.AccountId));
        Assert.Equal("access-entry/c/role/111122223333/n/uuid", arn.Resource);
        Assert.Equal("arn:aws:eks:us-west-2:111122223333:access-entry/c/role/111122223333/n/uuid", arn.ToString());
    }
}
