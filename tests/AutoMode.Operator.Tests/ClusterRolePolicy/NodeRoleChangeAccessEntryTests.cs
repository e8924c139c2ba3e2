using AutoMode.Core.Planning;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Builders;
using static AutoMode.Operator.Tests.ClusterRolePolicy.IamTestSupport;

namespace AutoMode.Operator.Tests.ClusterRolePolicy;

/// <summary>
/// Issue 15 item 4: the access-entry check follows the new node role (the controller verifies the roles the classes
/// name), and the NodePool stays on the old NodeClass until the new role's entry is confirmed.
/// </summary>
public sealed class NodeRoleChangeAccessEntryTests
{
    private const string NewRole = "BatchNodeRole";

    [Fact]
    public async Task NewRoleWithoutAccessEntry_PoolStaysOnTheOldNodeClass_UntilTheEntryExists()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        await using var h = await aws.StartOperatorAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        var newName = NodeClassNaming.ForRole("web", NewRole);

        h.Apply(WorkloadClasses.Valid("web", s => s.NodeRole = NewRole));

        await h.WaitForConditionAsync("web", "NodeRoleAccessEntryReady", "False");
        await h.WaitForAsync(() => h.Get(NodeClasses, newName) is not null);
        await h.SettleAsync("web");
        Assert.Equal("web", PoolPointsAt(h));
        Assert.Equal("WaitingForNodeClass", OperatorHarness.Condition(h.Get(Classes, "web"), "NodeRoleMigrating", "reason"));
        var principal = $"arn:aws:iam::{aws.Server.AccountId}:role/{NewRole}";
        Assert.Contains(aws.Calls("DescribeAccessEntry"), r => r.PrincipalArn == principal);

        aws.Server.AddAccessEntry(FakeAwsAccount.ClusterName, principal, "EC2", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAutoNodePolicy");
        await AdvanceUntilAsync(h, () => PoolPointsAt(h) == newName, TimeSpan.FromMinutes(1));

        // No NodeClaim used the old NodeClass: it goes as soon as the pool points elsewhere.
        await h.WaitForAsync(() => h.Get(NodeClasses, "web") is null);
        await h.WaitForConditionAsync("web", "Ready", "True");
    }

    private static string? PoolPointsAt(OperatorHarness h) => (string?)h.Get("nodepools", "web")?["spec"]?["template"]?["spec"]?["nodeClassRef"]?["name"];
}
