using System.Net;
using AutoMode.Core.Iam;
using AutoMode.Testing.Moto;

namespace AutoMode.Aws.Tests.Moto;

/// <summary>
/// Issue 12, point 5: the IAM Query client against moto_server, a third-party IAM emulator whose wire behaviour we did
/// not write (URL-encoded documents in responses, NoSuchEntity codes, policy syntax checks).
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class IamQueryClientMotoTests(MotoFixture fixture)
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";

    // Spaces, '+', '/', '$', '{', ':' and non-ASCII all have to survive the form encoding out and the URL encoding back.
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Tags","Effect":"Allow","Action":["ec2:CreateTags"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/eks:eks-cluster-name":"${aws:PrincipalTag/eks:eks-cluster-name}","aws:RequestTag/team":"a b+c/é"}}}]}""";

    private const string Other = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

    [MotoFact]
    public async Task GetRole_ReturnsArnWithPathAndDecodedTrustPolicy()
    {
        using var h = await MotoHarness.StartAsync(fixture);
        var arn = await h.Setup.CreateRoleAsync("cluster-role", Trust, "/eks/");

        var role = await h.Iam.GetRoleAsync("cluster-role", CancellationToken.None);

        Assert.Equal($"arn:aws:iam::{MotoServer.AccountId}:role/eks/cluster-role", arn);
        Assert.Equal(arn, role.Arn);
        Assert.Equal("/eks/", role.Path);
        Assert.Equal("cluster-role", role.RoleName);
        Assert.StartsWith("AROA", role.RoleId, StringComparison.Ordinal);
        Assert.Equal(Trust, role.AssumeRolePolicyDocument);
    }

    [MotoFact]
    public async Task GetRole_MissingRole_IsNoSuchEntity()
    {
        using var h = await MotoHarness.StartAsync(fixture);

        var ex = await AwsAssert.ThrowsAsync(AwsErrorKind.NotFound, () => h.Iam.GetRoleAsync("nope", CancellationToken.None));

        Assert.Equal("NoSuchEntity", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, ex.HttpStatusCode);
        Assert.Equal("iam:GetRole", ex.Action);
        Assert.NotNull(ex.RequestId);
    }

    [MotoFact]
    public async Task PutThenGet_DecodesTheUrlEncodedDocumentExactly()
    {
        using var h = await MotoHarness.StartAsync(fixture);
        await h.Setup.CreateRoleAsync("r", Trust);

        await h.Iam.PutRolePolicyAsync("r", "p", Policy, CancellationToken.None);

        // On the wire moto sends the document URL-encoded, as IAM does; the client hands back the JSON.
        var wire = await h.Setup.GetRolePolicyWireAsync("r", "p");
        Assert.NotEqual(Policy, wire);
        Assert.Equal(Policy, Uri.UnescapeDataString(wire!));
        Assert.Equal(Policy, await h.Iam.GetRolePolicyAsync("r", "p", CancellationToken.None));
    }

    [MotoFact]
    public async Task TagPropagationPolicy_RoundTripsAsAnEquivalentDocument()
    {
        using var h = await MotoHarness.StartAsync(fixture);
        await h.Setup.CreateRoleAsync("r", Trust);
        var desired = TagPropagationPolicy.Create("aws").ToCanonicalJson();

        await h.Iam.PutRolePolicyAsync("r", TagPropagationPolicy.DefaultPolicyName, desired, CancellationToken.None);
        var readBack = await h.Iam.GetRolePolicyAsync("r", TagPropagationPolicy.DefaultPolicyName, CancellationToken.None);

        Assert.True(PolicyDocument.AreEquivalent(desired, readBack));
    }

    [MotoFact]
    public async Task Put_ReplacesOnlyThatPolicy_AndLeavesTheOthersAlone()
    {
        using var h = await MotoHarness.StartAsync(fixture);
        await h.Setup.CreateRoleAsync("r", Trust);
        await h.Setup.PutRolePolicyAsync("r", "team-owned", Other);

        await h.Iam.PutRolePolicyAsync("r", "p", Other, CancellationToken.None);
        await h.Iam.PutRolePolicyAsync("r", "p", Policy, CancellationToken.None);

        Assert.Equal(Policy, await h.Iam.GetRolePolicyAsync("r", "p", CancellationToken.None));
        Assert.Equal(Other, await h.Iam.GetRolePolicyAsync("r", "team-owned", CancellationToken.None));
        Assert.Equal(["p", "team-owned"], (await h.Setup.ListRolePoliciesAsync("r")).Order(StringComparer.Ordinal));
    }

    [MotoFact]
    public async Task GetRolePolicy_MissingPolicyOrRole_IsNull()
    {
        using var h = await MotoHarness.StartAsync(fixture);
        await h.Setup.CreateRoleAsync("r", Trust);

        Assert.Null(await h.Iam.GetRolePolicyAsync("r", "absent", CancellationToken.None));
        Assert.Null(await h.Iam.GetRolePolicyAsync("no-such-role", "absent", CancellationToken.None));
    }

    [MotoFact]
    public async Task Delete_RemovesIt_ThenReportsItAlreadyAbsent()
    {
        using var h = await MotoHarness.StartAsync(fixture);
        await h.Setup.CreateRoleAsync("r", Trust);
        await h.Setup.PutRolePolicyAsync("r", "team-owned", Other);
        await h.Iam.PutRolePolicyAsync("r", "p", Policy, CancellationToken.None);

        Assert.True(await h.Iam.DeleteRolePolicyAsync("r", "p", CancellationToken.None));
        Assert.Null(await h.Iam.GetRolePolicyAsync("r", "p", CancellationToken.None));
        Assert.False(await h.Iam.DeleteRolePolicyAsync("r", "p", CancellationToken.None));
        Assert.False(await h.Iam.DeleteRolePolicyAsync("no-such-role", "p", CancellationToken.None));
        Assert.Equal(["team-owned"], await h.Setup.ListRolePoliciesAsync("r"));
    }

    [MotoFact]
    public async Task PutRolePolicy_MissingRole_IsNoSuchEntity()
    {
        using var h = await MotoHarness.StartAsync(fixture);

        var ex = await AwsAssert.ThrowsAsync(AwsErrorKind.NotFound, () => h.Iam.PutRolePolicyAsync("no-such-role", "p", Policy, CancellationToken.None));

        Assert.Equal("NoSuchEntity", ex.ErrorCode);
        Assert.Equal("iam:PutRolePolicy", ex.Action);
    }

    [MotoFact]
    public async Task PutRolePolicy_SyntaxError_IsMalformedPolicyDocument_AndStoresNothing()
    {
        using var h = await MotoHarness.StartAsync(fixture);
        await h.Setup.CreateRoleAsync("r", Trust);

        var ex = await AwsAssert.ThrowsAsync(AwsErrorKind.MalformedPolicyDocument, () =>
            h.Iam.PutRolePolicyAsync("r", "p", """{"Version":"2012-10-17","Statement":"not a statement"}""", CancellationToken.None));

        Assert.Equal("MalformedPolicyDocument", ex.ErrorCode);
        Assert.False(ex.IsRetryable);
        Assert.Null(await h.Iam.GetRolePolicyAsync("r", "p", CancellationToken.None));
    }
}
