using AutoMode.Core.Iam;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Builders;
using static AutoMode.Operator.Tests.ClusterRolePolicy.IamTestSupport;

namespace AutoMode.Operator.Tests.ClusterRolePolicy.Moto;

/// <summary>
/// Issue 12, point 5: the real operator's tag-policy and access-entry controllers against moto_server (IAM and EKS by
/// a third party) instead of our own fake AWS endpoint: the cluster role comes from moto's DescribeCluster, the policy
/// is put, read back URL-encoded and compared, drift is restored, and the policy goes when the last tagged class does.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class ClusterRolePolicyMotoTests(MotoFixture fixture)
{
    private static readonly TimeSpan Resync = TimeSpan.FromMinutes(5);

    private static string Desired => TagPropagationPolicy.Create("aws").ToCanonicalJson();

    [MotoFact]
    public async Task TaggedClasses_ConvergeTheClusterRolesInlinePolicy_InMoto()
    {
        using var moto = await MotoAccount.StartAsync(fixture);
        await using var h = await moto.StartOperatorAsync();

        // Ready stays Unknown against moto alone: every class's node role needs the access-entry check, which moto
        // cannot answer (see the last test). The tag policy does not wait for it, so that is what is awaited here.
        h.Apply(WorkloadClasses.Valid("plain"));
        await h.WaitForAsync(() => h.Get(NodeClasses, "plain") is not null);
        Assert.Null(await moto.StoredPolicyAsync());

        // First tagged class: the policy is put on the role DescribeCluster names, read back, and only then tagged.
        h.Apply(Tagged("web"));
        await h.WaitForConditionAsync("web", "TagPolicyReady", "True");
        await h.WaitForAsync(() => NodeClassTag(h, "web", "team") is not null);
        Assert.True(PolicyDocument.AreEquivalent(Desired, await moto.StoredPolicyAsync()));
        Assert.Equal("payments", NodeClassTag(h, "web", "team"));
        Assert.Equal(1, moto.Iam.Puts);
        Assert.Equal(0, moto.Iam.Deletes);

        // Steady state: resyncs read it, find it equivalent (moto hands it back URL-encoded), and write nothing.
        var reads = moto.Iam.Gets;
        await AdvanceUntilAsync(h, () => moto.Iam.Gets >= reads + 3, Resync);
        Assert.Equal(1, moto.Iam.Puts);

        // Someone deletes it in the account: the next resync restores it and says so.
        await moto.Setup.DeleteRolePolicyAsync(MotoAccount.ClusterRoleName, MotoAccount.PolicyName);
        await AdvanceUntilAsync(h, () => moto.Iam.Puts == 2, Resync);
        Assert.True(PolicyDocument.AreEquivalent(Desired, await moto.StoredPolicyAsync()));
        await h.WaitForAsync(() => Events(h, "TagPolicyDrift").Count > 0);

        // The last tagged class goes: our policy goes, and only ours.
        h.Server.Delete(Classes, "web");
        await AdvanceUntilAsync(h, () => moto.Iam.Deletes == 1, TimeSpan.FromSeconds(1));
        Assert.Null(await moto.StoredPolicyAsync());
        Assert.Equal([MotoAccount.OtherPolicyName], await moto.Setup.ListRolePoliciesAsync(MotoAccount.ClusterRoleName));
        Assert.Equal(FakeAwsAccount.OtherPolicy, Uri.UnescapeDataString(
            (await moto.Setup.GetRolePolicyWireAsync(MotoAccount.ClusterRoleName, MotoAccount.OtherPolicyName))!));
    }

    [MotoFact]
    public async Task TrustPolicyWithoutTagSession_IsReported_AndNothingIsWritten()
    {
        using var moto = await MotoAccount.StartAsync(fixture, FakeAwsAccount.TrustWithoutTagSession);
        await using var h = await moto.StartOperatorAsync();

        h.Apply(Tagged("web"));
        await h.WaitForAsync(() => Reason(h, "web", "TagPolicyReady") == "TrustPolicyMissingTagSession");

        Assert.Equal(0, moto.Iam.Puts);
        Assert.Null(await moto.StoredPolicyAsync());
        Assert.Null(NodeClassTag(h, "web", "team"));
    }

    [MotoFact]
    public async Task CustomNodeRole_OnMotoWithoutAccessEntries_IsACheckFailure_NotAMissingEntry()
    {
        using var moto = await MotoAccount.StartAsync(fixture);
        await using var h = await moto.StartOperatorAsync();

        h.Apply(WorkloadClasses.Valid("batch", s => s.NodeRole = "BatchNodeRole"));
        await h.WaitForAsync(() => Reason(h, "batch", "NodeRoleAccessEntryReady") == "AccessEntryCheckFailed");

        Assert.Equal("Unknown", OperatorHarness.Condition(h.Get(Classes, "batch"), "NodeRoleAccessEntryReady"));
        Assert.Contains("HTTP 404 and no AWS error code", Message(h, "batch", "NodeRoleAccessEntryReady"), StringComparison.Ordinal);
        Assert.Null(OperatorHarness.Condition(h.Get(Classes, "batch"), "Stalled"));
    }
}
