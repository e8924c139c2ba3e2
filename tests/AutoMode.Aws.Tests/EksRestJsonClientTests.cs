using AutoMode.Testing.Aws;

namespace AutoMode.Aws.Tests;

public class EksRestJsonClientTests
{
    private const string NodePolicy = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAutoNodePolicy";

    [Fact]
    public async Task DescribeCluster_ReturnsRoleAndComputeConfig_RoleNameFromPathedArn()
    {
        await using var h = await AwsHarness.StartAsync();
        var roleArn = h.Server.AddRole("prod-cluster-role", "{}", "/eks/clusters/");
        var nodeRoleArn = h.Server.AddRole("AmazonEKSAutoNodeRole", "{}");
        var clusterArn = h.Server.AddCluster("prod", roleArn, nodeRoleArn);

        var cluster = await h.Eks.DescribeClusterAsync("prod", CancellationToken.None);

        Assert.Equal(clusterArn, cluster.Arn);
        Assert.Equal(roleArn, cluster.RoleArn);
        Assert.Equal("prod-cluster-role", cluster.RoleName);
        Assert.Equal("ACTIVE", cluster.Status);
        Assert.NotNull(cluster.ComputeConfig);
        Assert.True(cluster.ComputeConfig.Enabled);
        Assert.Equal(["general-purpose", "system"], cluster.ComputeConfig.NodePools);
        Assert.Equal(nodeRoleArn, cluster.ComputeConfig.NodeRoleArn);
    }

    [Fact]
    public async Task DescribeCluster_Missing_ThrowsNotFoundWithAction()
    {
        await using var h = await AwsHarness.StartAsync();

        var ex = await AwsAssert.ThrowsAsync(AwsErrorKind.NotFound, () => h.Eks.DescribeClusterAsync("nope", CancellationToken.None));

        Assert.Equal("ResourceNotFoundException", ex.ErrorCode);
        Assert.Equal("eks:DescribeCluster", ex.Action);
    }

    [Fact]
    public async Task DescribeAccessEntry_PrincipalArnWithPathIsEncodedAndFound()
    {
        await using var h = await AwsHarness.StartAsync();
        var roleArn = h.Server.AddRole("cluster", "{}");
        h.Server.AddCluster("prod", roleArn);
        var nodeRole = h.Server.AddRole("custom-node", "{}", "/nodes/gpu/");
        h.Server.AddAccessEntry("prod", nodeRole, "EC2", NodePolicy);

        var entry = await h.Eks.DescribeAccessEntryAsync("prod", nodeRole, CancellationToken.None);

        Assert.NotNull(entry);
        Assert.Equal(nodeRole, entry.PrincipalArn);
        Assert.Equal("EC2", entry.Type);
        Assert.Equal("prod", h.Server.Requests.Single(r => r.Operation == "DescribeAccessEntry").ClusterName);
        Assert.Equal(nodeRole, h.Server.Requests.Single(r => r.Operation == "DescribeAccessEntry").PrincipalArn);
    }

    [Fact]
    public async Task DescribeAccessEntry_Absent_ReturnsNull()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddCluster("prod", h.Server.AddRole("cluster", "{}"));

        Assert.Null(await h.Eks.DescribeAccessEntryAsync("prod", "arn:aws:iam::111122223333:role/none", CancellationToken.None));
    }

    [Fact]
    public async Task ListAssociatedAccessPolicies_ReadsEveryPage()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddCluster("prod", h.Server.AddRole("cluster", "{}"));
        var principal = h.Server.AddRole("node", "{}");
        var arns = Enumerable.Range(0, 130).Select(i => $"arn:aws:eks::aws:cluster-access-policy/P{i:D3}").ToArray();
        h.Server.AddAccessEntry("prod", principal, "STANDARD", arns);

        var policies = await h.Eks.ListAssociatedAccessPoliciesAsync("prod", principal, CancellationToken.None);

        Assert.Equal(arns, policies.Select(p => p.PolicyArn));
        Assert.All(policies, p => Assert.Equal("cluster", p.AccessScope.Type));
        Assert.Equal(2, h.Server.Requests.Count(r => r.Operation == "ListAssociatedAccessPolicies"));
    }

    [Fact]
    public async Task CreateAccessEntryThenAssociate_StoresEc2EntryWithNodePolicy()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddCluster("prod", h.Server.AddRole("cluster", "{}"));
        var nodeRole = h.Server.AddRole("custom-node", "{}");

        var created = await h.Eks.CreateAccessEntryAsync("prod", nodeRole, "EC2", CancellationToken.None);
        await h.Eks.AssociateAccessPolicyAsync("prod", nodeRole, NodePolicy, EksAccessScope.Cluster, CancellationToken.None);

        Assert.Equal("EC2", created.Type);
        var stored = h.Server.GetAccessEntry("prod", nodeRole);
        Assert.NotNull(stored);
        Assert.Equal("EC2", stored.Type);
        Assert.Equal([NodePolicy], stored.PolicyArns);
        Assert.Equal(NodePolicy, (await h.Eks.ListAssociatedAccessPoliciesAsync("prod", nodeRole, CancellationToken.None)).Single().PolicyArn);
    }

    [Fact]
    public async Task CreateAccessEntry_ResponseLostAfterApply_RetryReusesClientRequestToken()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddCluster("prod", h.Server.AddRole("cluster", "{}"));
        var nodeRole = h.Server.AddRole("custom-node", "{}");
        h.Server.Faults.FailNextAfterApply("CreateAccessEntry", FakeAwsFault.InternalError);

        var create = h.Eks.CreateAccessEntryAsync("prod", nodeRole, "EC2", CancellationToken.None);
        await h.Time.AdvanceNextDelayAsync(AwsHarness.Timeout);
        var created = await create.WaitAsync(AwsHarness.Timeout);

        Assert.Equal(nodeRole, created.PrincipalArn);
        Assert.Equal([500, 200], h.Server.Requests.Where(r => r.Operation == "CreateAccessEntry").Select(r => r.StatusCode));
    }

    [Fact]
    public async Task CreateAccessEntry_ExistingEntry_ThrowsConflict()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddCluster("prod", h.Server.AddRole("cluster", "{}"));
        var nodeRole = h.Server.AddRole("custom-node", "{}");
        h.Server.AddAccessEntry("prod", nodeRole, "EC2");

        var conflict = await Assert.ThrowsAsync<AwsServiceException>(() => h.Eks.CreateAccessEntryAsync("prod", nodeRole, "EC2", CancellationToken.None));

        Assert.Equal(AwsErrorKind.Conflict, conflict.Kind);
        Assert.Equal("ResourceInUseException", conflict.ErrorCode);
        Assert.Single(h.Server.Requests, r => r.Operation == "CreateAccessEntry");
    }

    [Theory]
    [InlineData("com.amazonaws.eks#ThrottlingException", "ThrottlingException")]
    [InlineData("aws.protocoltests.restjson#FooError:http://x", "FooError")]
    [InlineData("  AccessDeniedException ", "AccessDeniedException")]
    [InlineData("ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/", "ResourceNotFoundException")]
    public void SanitizeCode_StripsNamespaceAndSuffix(string raw, string expected) =>
        Assert.Equal(expected, EksRestJsonClient.SanitizeCode(raw));
}
