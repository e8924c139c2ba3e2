using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Aws;
using AutoMode.Testing.Builders;
using static AutoMode.Operator.Tests.ClusterRolePolicy.IamTestSupport;

namespace AutoMode.Operator.Tests.ClusterRolePolicy;

/// <summary>
/// Issue 12, point 5: an EKS endpoint that answers 404 with no AWS error code (a wrong endpoint override, a proxy,
/// moto 5.2.1's missing access-entry routes) does not serve the API. That is reported as a failed check (Unknown,
/// retried), never as "the node role has no access entry" (False, Stalled, "create it").
/// </summary>
public sealed class AccessEntryBareNotFoundTests
{
    private const string Condition = "NodeRoleAccessEntryReady";
    private const string CustomRole = "BatchNodeRole";

    [Fact]
    public async Task BareNotFound_IsACheckFailure_NotAMissingEntry_AndIsRetried()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        aws.Server.Faults.FailUntilCleared("DescribeAccessEntry", FakeAwsFault.BareNotFound);
        await using var h = await aws.StartOperatorAsync();

        h.Apply(WorkloadClasses.Valid("batch", s => s.NodeRole = CustomRole));
        await h.WaitForAsync(() => Reason(h, "batch", Condition) == "AccessEntryCheckFailed");

        Assert.Equal("Unknown", OperatorHarness.Condition(h.Get(Classes, "batch"), Condition));
        Assert.Contains("HTTP 404 and no AWS error code", Message(h, "batch", Condition), StringComparison.Ordinal);
        Assert.Null(OperatorHarness.Condition(h.Get(Classes, "batch"), "Stalled"));
        // One attempt per check: the same URL answers the same, so the client does not retry it.
        Assert.Single(aws.Calls("DescribeAccessEntry"));

        // The endpoint is fixed and the entry exists: the next recheck reports it present.
        aws.Server.Faults.Clear("DescribeAccessEntry");
        aws.Server.AddAccessEntry(FakeAwsAccount.ClusterName, $"arn:aws:iam::{aws.Server.AccountId}:role/{CustomRole}", "EC2",
            "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAutoNodePolicy");
        await AdvanceUntilAsync(h, () => OperatorHarness.Condition(h.Get(Classes, "batch"), Condition) == "True", TimeSpan.FromMinutes(1));
        Assert.Equal("AccessEntryPresent", Reason(h, "batch", Condition));
    }
}
