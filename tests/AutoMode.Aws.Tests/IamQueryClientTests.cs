namespace AutoMode.Aws.Tests;

public class IamQueryClientTests
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Compute","Effect":"Allow","Action":["ec2:CreateFleet"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/eks:eks-cluster-name":"${aws:PrincipalTag/eks:eks-cluster-name}"}}}]}""";

    [Fact]
    public async Task GetRole_ReturnsArnPathAndDecodedTrustPolicy()
    {
        await using var h = await AwsHarness.StartAsync();
        var arn = h.Server.AddRole("cluster-role", Trust, "/eks/");

        var role = await h.Iam.GetRoleAsync("cluster-role", CancellationToken.None);

        Assert.Equal(arn, role.Arn);
        Assert.Equal("cluster-role", role.RoleName);
        Assert.Equal("/eks/", role.Path);
        Assert.Equal(Trust, role.AssumeRolePolicyDocument);
    }

    [Fact]
    public async Task GetRole_MissingRole_ThrowsTypedNotFound()
    {
        await using var h = await AwsHarness.StartAsync();

        var ex = await AwsAssert.ThrowsAsync(AwsErrorKind.NotFound, () => h.Iam.GetRoleAsync("nope", CancellationToken.None));

        Assert.Equal("NoSuchEntity", ex.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.HttpStatusCode);
        Assert.Equal("iam:GetRole", ex.Action);
        Assert.NotNull(ex.RequestId);
    }

    [Fact]
    public async Task PutThenGet_RoundTripsDocumentExactly()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", Trust);

        await h.Iam.PutRolePolicyAsync("r", "automode-operator-tag-propagation", Policy, CancellationToken.None);
        var read = await h.Iam.GetRolePolicyAsync("r", "automode-operator-tag-propagation", CancellationToken.None);

        Assert.Equal(Policy, h.Server.GetInlinePolicy("r", "automode-operator-tag-propagation"));
        Assert.Equal(Policy, read);
    }

    [Fact]
    public async Task GetRolePolicy_StoredReformattedDocument_IsUrlDecoded()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", Trust);
        const string stored = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::b/a b+c%\" } ]\n}";
        h.Server.PutInlinePolicy("r", "p", stored);

        var read = await h.Iam.GetRolePolicyAsync("r", "p", CancellationToken.None);

        Assert.Equal(stored, read);
    }

    [Fact]
    public async Task GetRolePolicy_Absent_ReturnsNull()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", Trust);

        Assert.Null(await h.Iam.GetRolePolicyAsync("r", "missing", CancellationToken.None));
        Assert.Null(await h.Iam.GetRolePolicyAsync("no-such-role", "missing", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteRolePolicy_DeletesOnlyThatPolicy_FalseWhenAbsent()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", Trust);
        h.Server.PutInlinePolicy("r", "someone-elses", Policy);
        h.Server.PutInlinePolicy("r", "ours", Policy);

        Assert.True(await h.Iam.DeleteRolePolicyAsync("r", "ours", CancellationToken.None));
        Assert.False(await h.Iam.DeleteRolePolicyAsync("r", "ours", CancellationToken.None));

        Assert.Equal(["someone-elses"], h.Server.GetInlinePolicies("r").Keys);
    }

    [Fact]
    public async Task PutRolePolicy_MissingRole_ThrowsNotFound()
    {
        await using var h = await AwsHarness.StartAsync();

        await AwsAssert.ThrowsAsync(AwsErrorKind.NotFound, () => h.Iam.PutRolePolicyAsync("ghost", "p", Policy, CancellationToken.None));
    }

    [Fact]
    public async Task PutRolePolicy_OverAggregateLimit_ThrowsLimitExceededOnce()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", Trust);
        h.Server.PutInlinePolicy("r", "big", "{\"Statement\":[],\"Pad\":\"" + new string('x', 10_000) + "\"}");

        var ex = await AwsAssert.ThrowsAsync(AwsErrorKind.LimitExceeded, () => h.Iam.PutRolePolicyAsync("r", "ours", Policy, CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, ex.HttpStatusCode);
        Assert.Single(h.Server.Requests, r => r.Operation == "PutRolePolicy");
    }

    [Fact]
    public async Task Requests_AreSignedForIamInThePartitionSigningRegion()
    {
        await using var h = await AwsHarness.StartAsync(region: "cn-northwest-1");
        h.Server.AddRole("r", Trust);

        // The fake rejects any other scope than iam/cn-north-1 with 403 SignatureDoesNotMatch.
        var role = await h.Iam.GetRoleAsync("r", CancellationToken.None);

        Assert.StartsWith("arn:aws-cn:iam::", role.Arn, StringComparison.Ordinal);
    }
}
