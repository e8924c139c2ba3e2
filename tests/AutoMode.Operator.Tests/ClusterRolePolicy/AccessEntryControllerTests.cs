using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Aws;
using AutoMode.Testing.Builders;
using static AutoMode.Operator.Tests.ClusterRolePolicy.IamTestSupport;

namespace AutoMode.Operator.Tests.ClusterRolePolicy;

/// <summary>
/// Issue 4, point 6: a class whose nodeRole is not the cluster's Auto Mode node role needs an EKS access entry of type
/// EC2 with AmazonEKSAutoNodePolicy; checked through the real EksRestJsonClient against the fake EKS endpoint.
/// </summary>
public sealed class AccessEntryControllerTests
{
    private const string Condition = "NodeRoleAccessEntryReady";
    private const string CustomRole = "BatchNodeRole";

    private static string Principal(FakeAwsAccount aws, string role = CustomRole, string partition = "aws") =>
        $"arn:{partition}:iam::{aws.Server.AccountId}:role/{role}";

    private static string AutoNodePolicy(string partition = "aws") => $"arn:{partition}:eks::aws:cluster-access-policy/AmazonEKSAutoNodePolicy";

    [Fact]
    public async Task AutoModeNodeRole_NeedsNoCheck_AndGetsNoCondition()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        await using var h = await aws.StartOperatorAsync();

        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");

        Assert.Null(Reason(h, "web", Condition));
        Assert.Contains(aws.Calls("DescribeCluster"), r => r.Succeeded);
        Assert.Empty(aws.Calls("DescribeAccessEntry"));
    }

    [Fact]
    public async Task CustomRoleWithEntryAndPolicy_IsReportedPresent()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        aws.Server.AddAccessEntry(FakeAwsAccount.ClusterName, Principal(aws), "EC2", AutoNodePolicy());
        await using var h = await aws.StartOperatorAsync();

        h.Apply(WorkloadClasses.Valid("batch", s => s.NodeRole = CustomRole));
        await h.WaitForConditionAsync("batch", Condition, "True");
        await h.WaitForConditionAsync("batch", "Ready", "True");

        Assert.Equal("AccessEntryPresent", Reason(h, "batch", Condition));
        Assert.Contains(aws.Calls("DescribeAccessEntry"), r => r.Succeeded && r.PrincipalArn == Principal(aws));
        Assert.Contains(aws.Calls("ListAssociatedAccessPolicies"), r => r.Succeeded);
    }

    [Fact]
    public async Task MissingEntry_ReportsTheExactFix_AndCreatesNothing()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        await using var h = await aws.StartOperatorAsync();

        h.Apply(WorkloadClasses.Valid("batch", s => s.NodeRole = CustomRole));
        await h.WaitForConditionAsync("batch", Condition, "False");

        var principal = Principal(aws);
        var message = Message(h, "batch", Condition)!;
        Assert.Equal("NodeRoleAccessEntryMissing", Reason(h, "batch", Condition));
        Assert.Contains($"`aws eks create-access-entry --cluster-name demo --principal-arn {principal} --type EC2 --region us-west-2`", message, StringComparison.Ordinal);
        Assert.Contains($"`aws eks associate-access-policy --cluster-name demo --principal-arn {principal} --policy-arn {AutoNodePolicy()} --access-scope type=cluster --region us-west-2`", message, StringComparison.Ordinal);
        Assert.Contains("--create-access-entries", message, StringComparison.Ordinal);
        Assert.Equal("True", OperatorHarness.Condition(h.Get(Classes, "batch"), "Stalled"));
        // Only a report: the objects are applied (Auto Mode would just fail to join nodes), and nothing is created.
        await h.WaitForAsync(() => h.Get(NodeClasses, "batch") is not null);
        Assert.Empty(aws.Calls("CreateAccessEntry"));
        Assert.Empty(aws.Calls("AssociateAccessPolicy"));
        Assert.Null(aws.Server.GetAccessEntry(FakeAwsAccount.ClusterName, principal));
    }

    [Fact]
    public async Task EntryWithoutAutoNodePolicy_ReportsOnlyTheAssociateCommand()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        aws.Server.AddAccessEntry(FakeAwsAccount.ClusterName, Principal(aws), "EC2");
        await using var h = await aws.StartOperatorAsync();

        h.Apply(WorkloadClasses.Valid("batch", s => s.NodeRole = CustomRole));
        await h.WaitForConditionAsync("batch", Condition, "False");

        var message = Message(h, "batch", Condition)!;
        Assert.Contains("aws eks associate-access-policy", message, StringComparison.Ordinal);
        Assert.DoesNotContain("create-access-entry", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntryOfTheWrongType_IsReported_AndNeverChanged_EvenWithCreation()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        aws.Server.AddAccessEntry(FakeAwsAccount.ClusterName, Principal(aws), "STANDARD");
        await using var h = await aws.StartOperatorAsync(o => o with { CreateAccessEntries = true });

        h.Apply(WorkloadClasses.Valid("batch", s => s.NodeRole = CustomRole));
        await h.WaitForConditionAsync("batch", Condition, "False");

        Assert.Contains("type STANDARD", Message(h, "batch", Condition), StringComparison.Ordinal);
        Assert.Contains("aws eks delete-access-entry", Message(h, "batch", Condition), StringComparison.Ordinal);
        Assert.Empty(aws.Calls("CreateAccessEntry"));
        Assert.Empty(aws.Calls("AssociateAccessPolicy"));
        Assert.Equal("STANDARD", aws.Server.GetAccessEntry(FakeAwsAccount.ClusterName, Principal(aws))!.Type);
    }

    [Fact]
    public async Task CreateAccessEntries_CreatesEntryAndAssociation_Once()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        await using var h = await aws.StartOperatorAsync(o => o with { CreateAccessEntries = true });

        h.Apply(WorkloadClasses.Valid("batch", s => s.NodeRole = CustomRole));
        h.Apply(WorkloadClasses.Valid("batch-spot", s => s.NodeRole = CustomRole));
        await h.WaitForConditionAsync("batch", Condition, "True");
        await h.WaitForConditionAsync("batch-spot", Condition, "True");

        var entry = aws.Server.GetAccessEntry(FakeAwsAccount.ClusterName, Principal(aws))!;
        Assert.Equal("EC2", entry.Type);
        Assert.Equal([AutoNodePolicy()], entry.PolicyArns);
        Assert.Single(aws.Calls("CreateAccessEntry"), r => r.Succeeded);
        Assert.Single(aws.Calls("AssociateAccessPolicy"), r => r.Succeeded);
        await h.WaitForAsync(() => Events(h, "AccessEntryCreated").Count > 0);

        // The resync re-reads and creates nothing more.
        var reads = aws.Calls("DescribeAccessEntry").Count();
        await AdvanceUntilAsync(h, () => aws.Calls("DescribeAccessEntry").Count() > reads, TimeSpan.FromMinutes(5));
        Assert.Single(aws.Calls("CreateAccessEntry"));
        Assert.Single(aws.Calls("AssociateAccessPolicy"));
    }

    [Fact]
    public async Task CreateAccessEntriesDenied_ReportsTheFixAndTheMissingPermission()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        aws.Server.Faults.FailUntilCleared("CreateAccessEntry", FakeAwsFault.AccessDenied);
        await using var h = await aws.StartOperatorAsync(o => o with { CreateAccessEntries = true });

        h.Apply(WorkloadClasses.Valid("batch", s => s.NodeRole = CustomRole));
        await h.WaitForConditionAsync("batch", Condition, "False");

        var message = Message(h, "batch", Condition)!;
        Assert.Contains("aws eks create-access-entry", message, StringComparison.Ordinal);
        Assert.Contains("eks:CreateAccessEntry", message, StringComparison.Ordinal);
        Assert.Null(aws.Server.GetAccessEntry(FakeAwsAccount.ClusterName, Principal(aws)));
    }

    [Fact]
    public async Task MissingEntryFixedByHand_IsPickedUpOnTheRecheck()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        await using var h = await aws.StartOperatorAsync();
        h.Apply(WorkloadClasses.Valid("batch", s => s.NodeRole = CustomRole));
        await h.WaitForConditionAsync("batch", Condition, "False");

        aws.Server.AddAccessEntry(FakeAwsAccount.ClusterName, Principal(aws), "EC2", AutoNodePolicy());
        await AdvanceUntilAsync(h, () => OperatorHarness.Condition(h.Get(Classes, "batch"), Condition) == "True", TimeSpan.FromMinutes(1));

        await h.WaitForConditionAsync("batch", "Ready", "True");
        Assert.Null(OperatorHarness.Condition(h.Get(Classes, "batch"), "Stalled"));
    }

    [Fact]
    public async Task RoleGivenAsArnWithPath_IsCheckedAsGiven()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        var principal = $"arn:aws:iam::{aws.Server.AccountId}:role/teams/batch/{CustomRole}";
        aws.Server.AddAccessEntry(FakeAwsAccount.ClusterName, principal, "EC2", AutoNodePolicy());
        await using var h = await aws.StartOperatorAsync();

        h.Apply(WorkloadClasses.Valid("batch", s => s.NodeRole = principal));
        await h.WaitForConditionAsync("batch", Condition, "True");

        Assert.All(aws.Calls("DescribeAccessEntry"), r => Assert.Equal(principal, r.PrincipalArn));
    }

    [Fact]
    public async Task GovCloudCluster_UsesItsPartitionInThePrincipalAndPolicyArns()
    {
        await using var aws = await FakeAwsAccount.StartAsync("aws-us-gov", "us-gov-west-1");
        await using var h = await aws.StartOperatorAsync(o => o with { Region = null });

        h.Apply(WorkloadClasses.Valid("batch", s => s.NodeRole = CustomRole));
        await h.WaitForConditionAsync("batch", Condition, "False");

        var message = Message(h, "batch", Condition)!;
        Assert.Contains($"--principal-arn {Principal(aws, partition: "aws-us-gov")} ", message, StringComparison.Ordinal);
        Assert.Contains($"--policy-arn {AutoNodePolicy("aws-us-gov")} ", message, StringComparison.Ordinal);
        Assert.Contains("--region us-gov-west-1", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessDeniedOnTheCheck_IsUnknownAndNamesTheCall_NotStalled()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        aws.Server.Faults.FailUntilCleared("DescribeAccessEntry", FakeAwsFault.AccessDenied);
        await using var h = await aws.StartOperatorAsync();

        h.Apply(WorkloadClasses.Valid("batch", s => s.NodeRole = CustomRole));
        await h.WaitForAsync(() => Reason(h, "batch", Condition) == "AccessEntryCheckFailed");

        Assert.Equal("Unknown", OperatorHarness.Condition(h.Get(Classes, "batch"), Condition));
        Assert.Contains("eks:DescribeAccessEntry on arn:aws:eks:us-west-2:111122223333:access-entry/demo/*", Message(h, "batch", Condition), StringComparison.Ordinal);
        Assert.Null(OperatorHarness.Condition(h.Get(Classes, "batch"), "Stalled"));
    }
}
