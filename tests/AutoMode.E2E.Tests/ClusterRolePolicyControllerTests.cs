using AutoMode.Core.Iam;
using AutoMode.Operator.Controllers;

namespace AutoMode.E2E.Tests;

/// <summary>
/// Tag propagation against a real IAM API (AWS_ENDPOINT_URL, or AWS itself): the operator, run with
/// --cluster-name E2E_CLUSTER_NAME, puts the documented inline policy on the cluster role before the tagged NodeClass.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRolePolicyControllerTests(ClusterFixture cluster)
{
    [ClusterFact(Iam = true)]
    public async Task TaggedSample_PutsTagPropagationPolicyOnClusterRole()
    {
        using var cts = new CancellationTokenSource(E2eEnvironment.Timeout * 3);
        var aws = cluster.Aws!;
        var (role, partition) = cluster.ClusterRole;
        var name = cluster.Name("iam", "web-on-demand");
        var sample = await cluster.ApplySampleAsync("web-on-demand", name, cts.Token);
        Assert.NotEmpty(sample["spec"]!["tags"]!.AsObject());

        // The tagged NodeClass only appears once the policy has been read back from IAM (plus the propagation delay).
        await cluster.Objects.WaitForAsync(Kinds.NodeClass, name, o => o is not null, "created after the tag policy", E2eEnvironment.Timeout, cts.Token);
        var document = await aws.Iam.GetRolePolicyAsync(role, cluster.Options.TagPolicyName, cts.Token);

        Assert.True(document is not null, $"role {role} has no inline policy {cluster.Options.TagPolicyName} although the tagged NodeClass {name} exists");
        var expected = TagPropagationPolicy.Create(partition);
        Assert.True(PolicyDocument.AreEquivalent(document, expected.ToCanonicalJson()),
            $"inline policy {cluster.Options.TagPolicyName} on {role} differs from the documented one:{Environment.NewLine}{document}{Environment.NewLine}expected:{Environment.NewLine}{expected.ToIndentedJson()}");

        await cluster.EnsureChildrenReadyAsync(name, cts.Token);
        var workloadClass = await cluster.WaitForConditionAsync(name, "TagPolicyReady", "True", cts.Token);
        Assert.NotEqual("False", ClusterFixture.Condition(workloadClass, "Ready"));
    }
}
