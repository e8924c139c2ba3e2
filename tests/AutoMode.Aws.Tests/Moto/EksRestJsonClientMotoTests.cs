using AutoMode.Testing.Moto;

namespace AutoMode.Aws.Tests.Moto;

/// <summary>
/// Issue 12, point 5: the EKS rest-json client against moto_server. moto 5.2.1 implements DescribeCluster (without
/// computeConfig) and no access-entry API; those gaps are asserted here so a moto upgrade that closes them is noticed,
/// and they stay covered by our own fake endpoint (tests/AutoMode.Testing/Aws).
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class EksRestJsonClientMotoTests(MotoFixture fixture)
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";

    [MotoFact]
    public async Task DescribeCluster_ReturnsArnRoleAndStatus_WithoutComputeConfig()
    {
        using var h = await MotoHarness.StartAsync(fixture);
        var roleArn = await h.Setup.CreateRoleAsync("prod-cluster-role", Trust, "/eks/");
        var clusterArn = await h.Setup.CreateClusterAsync("prod", roleArn, MotoHarness.Region);

        var cluster = await h.Eks.DescribeClusterAsync("prod", CancellationToken.None);

        Assert.Equal($"arn:aws:eks:{MotoHarness.Region}:{MotoServer.AccountId}:cluster/prod", clusterArn);
        Assert.Equal(clusterArn, cluster.Arn);
        Assert.Equal(roleArn, cluster.RoleArn);
        Assert.Equal("prod-cluster-role", cluster.RoleName);
        Assert.Equal("ACTIVE", cluster.Status);
        Assert.False(string.IsNullOrEmpty(cluster.Version));
        // moto 5.2.1 does not model Auto Mode: no computeConfig (our fake endpoint covers it).
        Assert.Null(cluster.ComputeConfig);
    }

    [MotoFact]
    public async Task DescribeCluster_Missing_IsResourceNotFound()
    {
        using var h = await MotoHarness.StartAsync(fixture);

        var ex = await AwsAssert.ThrowsAsync(AwsErrorKind.NotFound, () => h.Eks.DescribeClusterAsync("nope", CancellationToken.None));

        Assert.Equal("ResourceNotFoundException", ex.ErrorCode);
        Assert.Equal("eks:DescribeCluster", ex.Action);
    }

    [MotoFact]
    public async Task DescribeAccessEntry_NotServedByMoto_IsEndpointNotFound_NotAMissingEntry()
    {
        using var h = await MotoHarness.StartAsync(fixture);
        var roleArn = await h.Setup.CreateRoleAsync("prod-cluster-role", Trust);
        await h.Setup.CreateClusterAsync("prod", roleArn, MotoHarness.Region);

        // moto answers its web framework's bare 404 page: no x-amzn-ErrorType, no code. Not "no entry".
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() =>
            h.Eks.DescribeAccessEntryAsync("prod", $"arn:aws:iam::{MotoServer.AccountId}:role/BatchNodeRole", CancellationToken.None));

        Assert.Equal(AwsErrorKind.EndpointNotFound, ex.Kind);
        Assert.Equal("Http404", ex.ErrorCode);
        Assert.Equal("eks:DescribeAccessEntry", ex.Action);
    }
}
