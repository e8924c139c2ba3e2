namespace AutoMode.Aws.Tests;

public class AwsEndpointResolverTests
{
    public static TheoryData<string, string, string, string, string> Partitions => new()
    {
        // region, expected IAM URL, IAM signing region, EKS URL, reason
        { "us-west-2", "https://iam.amazonaws.com/", "us-east-1", "https://eks.us-west-2.amazonaws.com/", "commercial: global IAM signed for us-east-1" },
        { "eu-central-1", "https://iam.amazonaws.com/", "us-east-1", "https://eks.eu-central-1.amazonaws.com/", "any commercial region uses the same IAM endpoint" },
        { "cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1", "https://eks.cn-northwest-1.amazonaws.com.cn/", "China: .com.cn suffix, IAM signed for cn-north-1" },
        { "us-gov-east-1", "https://iam.us-gov.amazonaws.com/", "us-gov-west-1", "https://eks.us-gov-east-1.amazonaws.com/", "GovCloud: IAM signed for us-gov-west-1" },
    };

    [Theory]
    [MemberData(nameof(Partitions))]
    public void NoOverrides_UsePartitionEndpoints(string region, string iamUrl, string iamSigningRegion, string eksUrl, string reason)
    {
        var resolver = new AwsEndpointResolver(_ => null);

        var iam = resolver.ResolveIam(region);
        var eks = resolver.ResolveEks(region);

        Assert.True(iam.Url.ToString() == iamUrl, reason);
        Assert.Equal(iamSigningRegion, iam.SigningRegion);
        Assert.Equal("iam", iam.SigningName);
        Assert.Equal(eksUrl, eks.Url.ToString());
        Assert.Equal(region, eks.SigningRegion);
        Assert.Equal("eks", eks.SigningName);
        Assert.False(iam.IsOverride || eks.IsOverride);
    }

    [Fact]
    public void GlobalOverride_AppliesToBothServices_SigningScopeUnchanged()
    {
        var resolver = new AwsEndpointResolver(Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")));

        var iam = resolver.ResolveIam("cn-north-1");
        var eks = resolver.ResolveEks("cn-north-1");

        Assert.Equal("http://127.0.0.1:4566/", iam.Url.ToString());
        Assert.Equal("http://127.0.0.1:4566/", eks.Url.ToString());
        Assert.Equal("cn-north-1", iam.SigningRegion);
        Assert.Equal(AwsPartition.AwsCn, iam.Partition);
        Assert.True(iam.IsOverride && eks.IsOverride);
    }

    [Fact]
    public void ServiceSpecificOverride_WinsOverGlobal()
    {
        var resolver = new AwsEndpointResolver(Env(
            ("AWS_ENDPOINT_URL", "http://global:1"),
            ("AWS_ENDPOINT_URL_IAM", "http://iam-only:2"),
            ("AWS_ENDPOINT_URL_EKS", "https://eks-only:3/prefix")));

        Assert.Equal("http://iam-only:2/", resolver.ResolveIam("us-east-1").Url.ToString());
        Assert.Equal("https://eks-only:3/prefix", resolver.ResolveEks("us-east-1").Url.ToString());
    }

    [Fact]
    public void OneServiceOverridden_OtherStaysOnAws()
    {
        var resolver = new AwsEndpointResolver(Env(("AWS_ENDPOINT_URL_EKS", "http://localhost:9000")));

        Assert.Equal("https://iam.amazonaws.com/", resolver.ResolveIam("us-east-2").Url.ToString());
        Assert.Equal("http://localhost:9000/", resolver.ResolveEks("us-east-2").Url.ToString());
    }

    [Fact]
    public void IgnoreConfiguredEndpointUrls_DisablesOverrides()
    {
        var resolver = new AwsEndpointResolver(Env(("AWS_ENDPOINT_URL", "http://x:1"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")));

        Assert.Equal("https://iam.amazonaws.com/", resolver.ResolveIam("us-east-1").Url.ToString());
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://host/")]
    [InlineData("/relative")]
    public void InvalidOverride_Throws(string value)
    {
        var resolver = new AwsEndpointResolver(Env(("AWS_ENDPOINT_URL", value)));

        Assert.Throws<ArgumentException>(() => resolver.ResolveEks("us-east-1"));
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }
}
