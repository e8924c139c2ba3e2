using System.Net;
using AutoMode.Testing.Aws;

namespace AutoMode.Aws.Tests;

/// <summary>
/// Issue 12, point 5: a 404 without an AWS error code means the endpoint does not serve the operation (wrong endpoint,
/// proxy, emulator). It is <see cref="AwsErrorKind.EndpointNotFound"/>, never <see cref="AwsErrorKind.NotFound"/>, so
/// no client turns it into "the policy / access entry is absent".
/// </summary>
public class EndpointNotFoundTests
{
    public static TheoryData<string?, HttpStatusCode?, AwsErrorKind, string> Cases => new()
    {
        { "Http404", HttpStatusCode.NotFound, AwsErrorKind.EndpointNotFound, "status-only code: nothing named the resource" },
        { null, HttpStatusCode.NotFound, AwsErrorKind.EndpointNotFound, "no code at all" },
        { "UnknownOperationException", HttpStatusCode.NotFound, AwsErrorKind.EndpointNotFound, "the service says the operation is unknown" },
        { "NoSuchEntity", HttpStatusCode.NotFound, AwsErrorKind.NotFound, "IAM names the missing entity" },
        { "ResourceNotFoundException", HttpStatusCode.NotFound, AwsErrorKind.NotFound, "EKS names the missing resource" },
        { "SomeNewNotFoundCode", HttpStatusCode.NotFound, AwsErrorKind.NotFound, "an unlisted code with 404 is still the service speaking" },
        { "Http4040", HttpStatusCode.NotFound, AwsErrorKind.NotFound, "status-only means exactly Http + this response's status" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_BareNotFound_IsEndpointNotFound(string? code, HttpStatusCode? status, AwsErrorKind expected, string reason) =>
        Assert.True(AwsErrorClassifier.Classify(code, status) == expected, reason);

    [Fact]
    public async Task DescribeAccessEntry_BareNotFound_Throws_InsteadOfReportingNoEntry()
    {
        await using var h = await AwsHarness.StartAsync();
        var roleArn = h.Server.AddRole("prod-cluster-role", "{}");
        h.Server.AddCluster("prod", roleArn, null);
        h.Server.Faults.FailUntilCleared("DescribeAccessEntry", FakeAwsFault.BareNotFound);

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() =>
            h.Eks.DescribeAccessEntryAsync("prod", "arn:aws:iam::111122223333:role/Batch", CancellationToken.None));

        Assert.Equal(AwsErrorKind.EndpointNotFound, ex.Kind);
        Assert.Equal("Http404", ex.ErrorCode);
        Assert.Equal("eks:DescribeAccessEntry", ex.Action);
        Assert.False(ex.IsRetryable);
        Assert.Single(h.Server.Requests, r => r.Operation == "DescribeAccessEntry");
    }

    [Fact]
    public async Task DescribeAccessEntry_CodedNotFound_StillMeansNoEntry()
    {
        await using var h = await AwsHarness.StartAsync();
        var roleArn = h.Server.AddRole("prod-cluster-role", "{}");
        h.Server.AddCluster("prod", roleArn, null);

        Assert.Null(await h.Eks.DescribeAccessEntryAsync("prod", "arn:aws:iam::111122223333:role/Batch", CancellationToken.None));
    }

    [Fact]
    public async Task IamGetAndDelete_BareNotFound_Throw_InsteadOfReportingNoPolicy()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", "{}");
        h.Server.Faults.FailUntilCleared("GetRolePolicy", FakeAwsFault.BareNotFound);
        h.Server.Faults.FailUntilCleared("DeleteRolePolicy", FakeAwsFault.BareNotFound);

        var get = await Assert.ThrowsAsync<AwsServiceException>(() => h.Iam.GetRolePolicyAsync("r", "p", CancellationToken.None));
        var delete = await Assert.ThrowsAsync<AwsServiceException>(() => h.Iam.DeleteRolePolicyAsync("r", "p", CancellationToken.None));

        Assert.Equal(AwsErrorKind.EndpointNotFound, get.Kind);
        Assert.Equal(AwsErrorKind.EndpointNotFound, delete.Kind);
    }
}
