using System.Net;
using AutoMode.Testing.Aws;

namespace AutoMode.Aws.Tests;

/// <summary>The one retry pipeline (inside both clients): what it retries, how it waits, and what it never repeats.</summary>
public class RetryPipelineTests
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateFleet","Resource":"*"}]}""";

    [Fact]
    public async Task Throttling_IsRetriedAfterBackoff_AndStoresThePolicyOnce()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", "{}");
        h.Server.Faults.FailNext("PutRolePolicy", FakeAwsFault.Throttling, times: 2);
        var start = h.Time.GetUtcNow();

        var put = h.Iam.PutRolePolicyAsync("r", "p", Policy, CancellationToken.None);

        // The pipeline sleeps before the 2nd attempt: nothing reaches the server until the clock moves.
        var firstDelay = await h.Time.NextArmedDelayAsync(AwsHarness.Timeout);
        Assert.Single(h.Server.Requests, r => r.Operation == "PutRolePolicy");
        h.Time.Advance(firstDelay);
        var secondDelay = await h.Time.AdvanceNextDelayAsync(AwsHarness.Timeout);
        await put.WaitAsync(AwsHarness.Timeout);

        var puts = h.Server.Requests.Where(r => r.Operation == "PutRolePolicy").ToList();
        Assert.Equal([400, 400, 200], puts.Select(p => p.StatusCode));
        Assert.Equal(1, puts.Count(p => p.Succeeded));
        Assert.Equal(Policy, h.Server.GetInlinePolicy("r", "p"));
        Assert.All(new[] { firstDelay, secondDelay }, d => Assert.InRange(d, TimeSpan.FromTicks(1), h.Options.RetryMaxDelay));
        Assert.Equal(firstDelay + secondDelay, h.Time.GetUtcNow() - start);
    }

    [Fact]
    public async Task AccessDenied_IsNotRetried_AndNamesActionAndRoleArn()
    {
        await using var h = await AwsHarness.StartAsync(new AwsOptions { ClusterName = "prod", AccountId = "111122223333" });
        h.Server.AddRole("cluster-role", "{}");
        h.Server.Faults.FailUntilCleared("PutRolePolicy", FakeAwsFault.AccessDenied);

        var ex = await AwsAssert.ThrowsAsync(AwsErrorKind.AccessDenied,
            () => h.Iam.PutRolePolicyAsync("cluster-role", "p", Policy, CancellationToken.None).WaitAsync(AwsHarness.Timeout));

        Assert.Equal("iam:PutRolePolicy", ex.Action);
        Assert.Equal("arn:aws:iam::111122223333:role/cluster-role", ex.Resource);
        Assert.Equal(HttpStatusCode.Forbidden, ex.HttpStatusCode);
        Assert.Single(h.Server.Requests, r => r.Operation == "PutRolePolicy");
        Assert.Empty(h.Time.RequestedDelays);
        Assert.Null(h.Server.GetInlinePolicy("cluster-role", "p"));
    }

    [Fact]
    public async Task AccessDenied_AccountUnknown_UsesAccountLearnedFromGetRole_ElseRoleName()
    {
        await using var h = await AwsHarness.StartAsync();
        var arn = h.Server.AddRole("cluster-role", "{}");
        h.Server.Faults.FailUntilCleared("DeleteRolePolicy", FakeAwsFault.AccessDenied);

        var before = await AwsAssert.ThrowsAsync(AwsErrorKind.AccessDenied, () => h.Iam.DeleteRolePolicyAsync("cluster-role", "p", CancellationToken.None).WaitAsync(AwsHarness.Timeout));
        await h.Iam.GetRoleAsync("cluster-role", CancellationToken.None);
        var after = await AwsAssert.ThrowsAsync(AwsErrorKind.AccessDenied, () => h.Iam.DeleteRolePolicyAsync("cluster-role", "p", CancellationToken.None).WaitAsync(AwsHarness.Timeout));

        Assert.Equal("cluster-role", before.Resource);
        Assert.Equal(arn, after.Resource);
        Assert.Equal("iam:DeleteRolePolicy", after.Action);
    }

    [Fact]
    public async Task AccessDenied_RecoversOnceCleared()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", "{}");
        h.Server.Faults.FailUntilCleared("GetRolePolicy", FakeAwsFault.AccessDenied);
        await AwsAssert.ThrowsAsync(AwsErrorKind.AccessDenied, () => h.Iam.GetRolePolicyAsync("r", "p", CancellationToken.None).WaitAsync(AwsHarness.Timeout));

        h.Server.Faults.Clear("GetRolePolicy");

        Assert.Null(await h.Iam.GetRolePolicyAsync("r", "p", CancellationToken.None));
    }

    [Fact]
    public async Task MalformedPolicyDocument_IsNotRetried()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", "{}");

        var ex = await AwsAssert.ThrowsAsync(AwsErrorKind.MalformedPolicyDocument,
            () => h.Iam.PutRolePolicyAsync("r", "p", "{not json", CancellationToken.None).WaitAsync(AwsHarness.Timeout));

        Assert.Equal("MalformedPolicyDocument", ex.ErrorCode);
        Assert.Single(h.Server.Requests, r => r.Operation == "PutRolePolicy");
        Assert.Empty(h.Time.RequestedDelays);
    }

    [Fact]
    public async Task NotFound_IsNotRetried()
    {
        await using var h = await AwsHarness.StartAsync();

        await AwsAssert.ThrowsAsync(AwsErrorKind.NotFound, () => h.Eks.DescribeClusterAsync("missing", CancellationToken.None).WaitAsync(AwsHarness.Timeout));

        Assert.Single(h.Server.Requests);
        Assert.Empty(h.Time.RequestedDelays);
    }

    [Fact]
    public async Task ServerErrors_ExhaustMaxAttempts_ThenThrowServiceFailure()
    {
        var options = new AwsOptions { ClusterName = "prod", MaxAttempts = 3 };
        await using var h = await AwsHarness.StartAsync(options);
        h.Server.AddCluster("prod", h.Server.AddRole("r", "{}"));
        h.Server.Faults.FailUntilCleared("DescribeCluster", FakeAwsFault.ServiceUnavailable);

        var describe = h.Eks.DescribeClusterAsync("prod", CancellationToken.None);
        await h.Time.AdvanceNextDelayAsync(AwsHarness.Timeout);
        await h.Time.AdvanceNextDelayAsync(AwsHarness.Timeout);
        var ex = await AwsAssert.ThrowsAsync(AwsErrorKind.ServiceFailure, () => describe.WaitAsync(AwsHarness.Timeout));

        Assert.Equal("ServiceUnavailableException", ex.ErrorCode);
        Assert.Equal(3, h.Server.Requests.Count(r => r.Operation == "DescribeCluster"));
    }

    [Fact]
    public async Task InternalErrorAndEksThrottling_AreRetried()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddCluster("prod", h.Server.AddRole("r", "{}"));
        h.Server.Faults.FailNext("DescribeCluster", FakeAwsFault.InternalError);
        h.Server.Faults.FailNext("DescribeCluster", FakeAwsFault.Throttling);

        var describe = h.Eks.DescribeClusterAsync("prod", CancellationToken.None);
        await h.Time.AdvanceNextDelayAsync(AwsHarness.Timeout);
        await h.Time.AdvanceNextDelayAsync(AwsHarness.Timeout);
        var cluster = await describe.WaitAsync(AwsHarness.Timeout);

        Assert.Equal("prod", cluster.Name);
        Assert.Equal([500, 429, 200], h.Server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task DroppedConnection_IsRetried()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", "{}");
        h.Server.Faults.FailNext("GetRole", FakeAwsFault.ConnectionDrop);

        var get = h.Iam.GetRoleAsync("r", CancellationToken.None);
        await h.Time.AdvanceNextDelayAsync(AwsHarness.Timeout);
        var role = await get.WaitAsync(AwsHarness.Timeout);

        Assert.Equal("r", role.RoleName);
        Assert.Equal(2, h.Server.Requests.Count(r => r.Operation == "GetRole"));
    }

    [Fact]
    public async Task Backoff_IsCappedAtMaxDelay()
    {
        var options = new AwsOptions { ClusterName = "prod", MaxAttempts = 8, RetryBaseDelay = TimeSpan.FromMilliseconds(500), RetryMaxDelay = TimeSpan.FromSeconds(2) };
        await using var h = await AwsHarness.StartAsync(options);
        h.Server.AddRole("r", "{}");
        h.Server.Faults.FailNext("GetRole", FakeAwsFault.Throttling, times: 7);

        var get = h.Iam.GetRoleAsync("r", CancellationToken.None);
        for (var i = 0; i < 7; i++)
        {
            await h.Time.AdvanceNextDelayAsync(AwsHarness.Timeout);
        }

        await get.WaitAsync(AwsHarness.Timeout);

        Assert.Equal(7, h.Time.RequestedDelays.Count);
        Assert.All(h.Time.RequestedDelays, d => Assert.InRange(d, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task PutRolePolicy_ResponseLostAfterApply_RetryConvergesToOneStoredPolicy()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", "{}");
        h.Server.PutInlinePolicy("r", "other-team", "{\"Statement\":[]}");
        h.Server.Faults.FailNextAfterApply("PutRolePolicy", FakeAwsFault.InternalError);

        var put = h.Iam.PutRolePolicyAsync("r", "p", Policy, CancellationToken.None);
        await h.Time.AdvanceNextDelayAsync(AwsHarness.Timeout);
        await put.WaitAsync(AwsHarness.Timeout);

        Assert.Equal(new Dictionary<string, string> { ["other-team"] = "{\"Statement\":[]}", ["p"] = Policy }, h.Server.GetInlinePolicies("r"));
    }

    [Fact]
    public async Task Cancellation_StopsWaitingForBackoff()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", "{}");
        h.Server.Faults.FailUntilCleared("GetRole", FakeAwsFault.Throttling);
        using var cts = new CancellationTokenSource();

        var get = h.Iam.GetRoleAsync("r", cts.Token);
        await h.Time.NextArmedDelayAsync(AwsHarness.Timeout);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => get.WaitAsync(AwsHarness.Timeout));
        Assert.Single(h.Server.Requests);
    }
}
