using System.Text.Json;
using System.Text.Json.Nodes;
using AutoMode.Core.Iam;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Aws;
using AutoMode.Testing.Builders;
using static AutoMode.Operator.Tests.ClusterRolePolicy.IamTestSupport;

namespace AutoMode.Operator.Tests.ClusterRolePolicy;

/// <summary>
/// Issue 4 (tag propagation), point 7: the real operator against the fake API server and the fake AWS endpoint
/// (IAM Query + EKS rest-json, SigV4-shape checked), through the real IamQueryClient / EksRestJsonClient.
/// </summary>
public sealed class ClusterRolePolicyControllerTests
{
    private static readonly TimeSpan Resync = TimeSpan.FromMinutes(5);

    private static string Desired(string partition = "aws") => TagPropagationPolicy.Create(partition).ToCanonicalJson();

    [Fact]
    public async Task FirstTaggedClass_AttachesPolicy_LastOneGone_RemovesIt()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        await using var h = await aws.StartOperatorAsync();
        h.Apply(WorkloadClasses.Valid("plain"));
        await h.WaitForConditionAsync("plain", "Ready", "True");
        Assert.Null(aws.StoredPolicy);
        Assert.Empty(aws.Calls("PutRolePolicy"));

        h.Apply(Tagged("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        Assert.Equal("True", OperatorHarness.Condition(h.Get(Classes, "web"), "TagPolicyReady"));
        Assert.True(PolicyDocument.AreEquivalent(Desired(), aws.StoredPolicy));
        Assert.Equal("payments", NodeClassTag(h, "web", "team"));

        h.Apply(Tagged("api"));
        await h.WaitForConditionAsync("api", "Ready", "True");
        Assert.Equal(1, aws.Succeeded("PutRolePolicy"));

        // One class drops its tags: another still needs the policy, so it stays.
        var mark = aws.Order.Next();
        h.Apply(WorkloadClasses.Valid("web"));
        await WaitForAwsAsync(aws, r => r.Operation == "GetRolePolicy" && r.Sequence > mark);
        await h.WaitForAsync(() => NodeClassTag(h, "web", "team") is null);
        Assert.NotNull(aws.StoredPolicy);
        Assert.Empty(aws.Calls("DeleteRolePolicy"));

        // The last tagged class goes: the policy goes, and only ours.
        h.Server.Delete(Classes, "api");
        await WaitForAwsAsync(aws, r => r.Operation == "DeleteRolePolicy" && r.Succeeded);
        Assert.Null(aws.StoredPolicy);
        Assert.Equal(1, aws.Succeeded("PutRolePolicy"));
        aws.AssertOtherPoliciesUntouched();
    }

    public static TheoryData<string, string> EquivalentStoredCopies => new()
    {
        { Reformatted(Desired()), "statements and keys reordered, indented with tabs and CRLF" },
        { Uri.EscapeDataString(Desired()), "stored URL-encoded (RFC 3986), as IAM returns documents" },
        { StringVersusArray(Desired()), "single values as strings vs one-element arrays, list order shuffled" },
        { Uri.EscapeDataString(Reformatted(StringVersusArray(Desired()))), "all of it at once" },
    };

    [Theory]
    [MemberData(nameof(EquivalentStoredCopies))]
    public async Task EquivalentPolicyStored_IsNeverRewritten(string stored, string reason)
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        await using var h = await aws.StartOperatorAsync();
        h.Apply(Tagged("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        Assert.Single(aws.Calls("PutRolePolicy"));

        // Someone (console, Terraform) stores the same policy in another shape. Neither the drift resync nor a class
        // edit rewrites it; each pass is proven finished by the next pass's first read.
        aws.Server.PutInlinePolicy(FakeAwsAccount.ClusterRoleName, FakeAwsAccount.PolicyName, stored);
        var mark = aws.Order.Next();
        await AdvanceUntilAsync(h, () => aws.Calls("GetRolePolicy").Any(r => r.Succeeded && r.Sequence > mark), Resync);
        mark = aws.Order.Next();
        h.Apply(Tagged("web", team: "payments-eu"));
        await h.WaitForAsync(() => NodeClassTag(h, "web", "team") == "payments-eu");
        await WaitForAwsAsync(aws, r => r.Operation == "GetRolePolicy" && r.Succeeded && r.Sequence > mark);
        mark = aws.Order.Next();
        await AdvanceUntilAsync(h, () => aws.Calls("GetRolePolicy").Any(r => r.Succeeded && r.Sequence > mark), Resync);

        Assert.True(aws.Calls("PutRolePolicy").Count() == 1, reason);
        Assert.Equal(stored, aws.StoredPolicy);
        Assert.Empty(Events(h, "TagPolicyDrift"));
        Assert.Equal("True", OperatorHarness.Condition(h.Get(Classes, "web"), "TagPolicyReady"));
        aws.AssertOtherPoliciesUntouched();
    }

    public static TheoryData<string, bool, string> DeniedOperations => new()
    {
        { "PutRolePolicy", false, "cannot write the policy; recovers on a class edit" },
        { "GetRolePolicy", true, "cannot read the policy; recovers on the IAM resync" },
        { "GetRole", false, "cannot read the role (trust preflight); recovers on a class edit" },
    };

    [Theory]
    [MemberData(nameof(DeniedOperations))]
    public async Task AccessDenied_NamesActionAndResource_AppliesNothing_RecoversOnceAllowed(string operation, bool recoverByResync, string reason)
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        aws.Server.Faults.FailUntilCleared(operation, FakeAwsFault.AccessDenied);
        await using var h = await aws.StartOperatorAsync();

        h.Apply(Tagged("web"));
        await h.WaitForConditionAsync("web", "TagPolicyReady", "False");
        await h.WaitForAsync(() => Reason(h, "web", "TagPolicyReady") == "AccessDenied");

        Assert.Contains($"iam:{operation} on {aws.ClusterRoleArn}", Message(h, "web", "TagPolicyReady"), StringComparison.Ordinal);
        Assert.Equal("True", OperatorHarness.Condition(h.Get(Classes, "web"), "Stalled"));
        Assert.Equal("False", OperatorHarness.Condition(h.Get(Classes, "web"), "Ready"));
        Assert.Null(h.Get(NodeClasses, "web"));
        Assert.Null(h.Get("nodepools", "web"));
        Assert.Equal(0, NodeClassWrites(h, "web"));
        Assert.Null(aws.StoredPolicy);

        aws.Server.Faults.Clear(operation);
        if (recoverByResync)
        {
            await AdvanceUntilAsync(h, () => aws.StoredPolicy is not null, Resync);
        }
        else
        {
            h.Apply(Tagged("web", team: "payments-eu"));
        }

        await h.WaitForConditionAsync("web", "Ready", "True");
        Assert.True(PolicyDocument.AreEquivalent(Desired(), aws.StoredPolicy), reason);
        Assert.NotNull(h.Get(NodeClasses, "web"));
        Assert.Null(OperatorHarness.Condition(h.Get(Classes, "web"), "Stalled"));
        aws.AssertOtherPoliciesUntouched();
    }

    public static TheoryData<string, int, bool, string> Throttles => new()
    {
        { "PutRolePolicy", 2, false, "throttled twice, then accepted" },
        { "PutRolePolicy", 1, true, "written, but the answer was lost to throttling: the retry rewrites the same document" },
        { "GetRolePolicy", 3, false, "reads throttled" },
        { "GetRole", 2, false, "role read throttled" },
        { "DescribeCluster", 2, false, "EKS throttled (rest-json ThrottlingException)" },
    };

    [Theory]
    [MemberData(nameof(Throttles))]
    public async Task Throttling_IsRetriedWithBackoff_WithoutDuplicateSideEffects(string operation, int times, bool afterApply, string reason)
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        if (afterApply)
        {
            aws.Server.Faults.FailNextAfterApply(operation, FakeAwsFault.Throttling);
        }
        else
        {
            aws.Server.Faults.FailNext(operation, FakeAwsFault.Throttling, times);
        }

        await using var h = await aws.StartOperatorAsync();
        h.Apply(Tagged("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");

        var throttled = aws.Calls(operation).Count(r => r.ErrorCode is "Throttling" or "ThrottlingException");
        Assert.Equal(times, throttled);
        // The client's own jittered backoff chose a delay before each retry. (Counted from the retry log, not from
        // timers: a jittered delay under a millisecond completes without a timer, which made a timer count flaky.)
        Assert.True(aws.Retries.Delays.Count == times, $"{reason}: {aws.Retries.Delays.Count} retries");
        Assert.All(aws.Retries.Delays, d => Assert.True(d > TimeSpan.Zero));
        Assert.All(aws.RetryClock.Delays, d => Assert.True(d > TimeSpan.Zero));
        Assert.Equal(1, aws.Succeeded("PutRolePolicy"));
        Assert.Equal(afterApply ? 2 : operation == "PutRolePolicy" ? times + 1 : 1, aws.Calls("PutRolePolicy").Count());
        Assert.True(PolicyDocument.AreEquivalent(Desired(), aws.StoredPolicy));
        Assert.Empty(aws.Calls("DeleteRolePolicy"));
        Assert.Equal(1, NodeClassWrites(h, "web"));
        Assert.Empty(Events(h, "TagPolicyDrift"));
        aws.AssertOtherPoliciesUntouched();
    }

    [Fact]
    public async Task ThrottlingBeyondTheClientsRetries_WaitsWithoutStalling_ThenConverges()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        aws.Server.Faults.FailNext("PutRolePolicy", FakeAwsFault.Throttling, FakeAwsAccount.MaxAttempts);
        await using var h = await aws.StartOperatorAsync();

        h.Apply(Tagged("web"));
        await h.WaitForAsync(() => Message(h, "web", "TagPolicyReady")?.Contains("Throttling", StringComparison.Ordinal) == true);

        // The operator retries by itself: waiting, not stalled, and nothing applied yet.
        Assert.Equal("WaitingForTagPolicy", Reason(h, "web", "TagPolicyReady"));
        Assert.Null(OperatorHarness.Condition(h.Get(Classes, "web"), "Stalled"));
        Assert.Equal("Unknown", OperatorHarness.Condition(h.Get(Classes, "web"), "Ready"));
        Assert.Null(h.Get(NodeClasses, "web"));

        // The work queue's per-key backoff (on the fake clock) brings the singleton back.
        await AdvanceUntilAsync(h, () => aws.StoredPolicy is not null, TimeSpan.FromSeconds(1));
        await h.WaitForConditionAsync("web", "Ready", "True");
        Assert.Equal(FakeAwsAccount.MaxAttempts + 1, aws.Calls("PutRolePolicy").Count());
        Assert.Equal(1, aws.Succeeded("PutRolePolicy"));
        Assert.Equal(1, NodeClassWrites(h, "web"));
        aws.AssertOtherPoliciesUntouched();
    }

    [Fact]
    public async Task TaggedNodeClass_IsAppliedOnlyAfterThePolicyIsReadBack()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        await using var h = await aws.StartOperatorAsync();

        h.Apply(Tagged("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");

        var put = Assert.Single(aws.Calls("PutRolePolicy"), r => r.Succeeded);
        var readBack = aws.Calls("GetRolePolicy").First(r => r.Succeeded && r.Sequence > put.Sequence);
        var writes = aws.Order.KubeRequests.Where(r => r.IsWriteOf(NodeClasses, "web")).ToList();
        Assert.NotEmpty(writes);
        Assert.All(writes, w => Assert.True(w.Sequence > readBack.Sequence,
            $"NodeClass write #{w.Sequence} was sent before the policy read-back #{readBack.Sequence} was answered"));
        // Both fakes really share the counter: the AWS numbers interleave with the Kubernetes ones.
        Assert.Contains(aws.Order.KubeRequests, k => k.Sequence < put.Sequence);
        aws.AssertOtherPoliciesUntouched();
    }

    [Fact]
    public async Task PropagationDelay_TaggedNodeClassAppearsOnlyOnceTheFakeClockPassesIt()
    {
        var delay = TimeSpan.FromSeconds(30);
        await using var aws = await FakeAwsAccount.StartAsync();
        await using var h = await aws.StartOperatorAsync(o => o with { IamPropagationDelay = delay });
        var start = h.Time.GetUtcNow();

        h.Apply(Tagged("web"));
        await h.WaitForAsync(() => Message(h, "web", "TagPolicyReady")?.Contains("waiting until", StringComparison.Ordinal) == true);
        Assert.NotNull(aws.StoredPolicy);
        Assert.Equal("WaitingForTagPolicy", Reason(h, "web", "TagPolicyReady"));
        Assert.Null(h.Get(NodeClasses, "web"));

        h.Time.Advance(delay - TimeSpan.FromSeconds(1));
        await h.Runtime.ReconcileClassAsync("web", CancellationToken.None);
        Assert.Null(h.Get(NodeClasses, "web"));

        await AdvanceUntilAsync(h, () => h.Get(NodeClasses, "web") is not null, TimeSpan.FromSeconds(1));
        Assert.True(h.Time.GetUtcNow() - start >= delay);
        await h.WaitForConditionAsync("web", "TagPolicyReady", "True");
        var readBack = aws.Calls("GetRolePolicy").Last(r => r.Succeeded);
        Assert.All(aws.Order.KubeRequests.Where(r => r.IsWriteOf(NodeClasses, "web")), w => Assert.True(w.Sequence > readBack.Sequence));
        aws.AssertOtherPoliciesUntouched();
    }

    public static TheoryData<bool, string> Drifts => new()
    {
        { true, "removed (Terraform with exclusive inline policies)" },
        { false, "edited: a statement dropped" },
    };

    [Theory]
    [MemberData(nameof(Drifts))]
    public async Task Drift_IsRestoredOnResync_WithAnEvent(bool removed, string reason)
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        await using var h = await aws.StartOperatorAsync();
        h.Apply(Tagged("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        var nodeClassVersion = (string?)h.Get(NodeClasses, "web")!["metadata"]!["resourceVersion"];

        if (removed)
        {
            Assert.True(aws.Server.RemoveInlinePolicy(FakeAwsAccount.ClusterRoleName, FakeAwsAccount.PolicyName));
        }
        else
        {
            var edited = JsonNode.Parse(Desired())!;
            edited["Statement"]!.AsArray().RemoveAt(0);
            aws.Server.PutInlinePolicy(FakeAwsAccount.ClusterRoleName, FakeAwsAccount.PolicyName, edited.ToJsonString());
        }

        await AdvanceUntilAsync(h, () => aws.Calls("PutRolePolicy").Count(r => r.Succeeded) == 2, Resync);
        Assert.True(PolicyDocument.AreEquivalent(Desired(), aws.StoredPolicy), reason);
        await h.WaitForAsync(() => Events(h, "TagPolicyDrift").Count > 0);
        var drift = Events(h, "TagPolicyDrift")[0];
        Assert.Equal("Warning", (string?)drift["type"]);
        Assert.Equal("web", (string?)drift["involvedObject"]!["name"]);
        Assert.Contains(removed ? "was removed" : "was changed", (string?)drift["message"], StringComparison.Ordinal);
        // The NodeClass that was already running is left alone throughout.
        Assert.Equal(nodeClassVersion, (string?)h.Get(NodeClasses, "web")!["metadata"]!["resourceVersion"]);
        aws.AssertOtherPoliciesUntouched();
    }

    [Fact]
    public async Task RoleWithAPath_IsFoundThroughDescribeCluster_AndNamedExactlyWhenDenied()
    {
        await using var aws = await FakeAwsAccount.StartAsync(rolePath: "/eks/clusters/");
        Assert.EndsWith(":role/eks/clusters/" + FakeAwsAccount.ClusterRoleName, aws.ClusterRoleArn, StringComparison.Ordinal);
        aws.Server.Faults.FailUntilCleared("PutRolePolicy", FakeAwsFault.AccessDenied);
        await using var h = await aws.StartOperatorAsync();

        h.Apply(Tagged("web"));
        await h.WaitForAsync(() => Reason(h, "web", "TagPolicyReady") == "AccessDenied");
        // The permission policy's Resource must match the role ARN with its path, so the message names exactly that.
        Assert.Contains($"iam:PutRolePolicy on {aws.ClusterRoleArn}.", Message(h, "web", "TagPolicyReady"), StringComparison.Ordinal);

        aws.Server.Faults.Clear("PutRolePolicy");
        h.Apply(Tagged("web", team: "payments-eu"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        Assert.True(PolicyDocument.AreEquivalent(Desired(), aws.StoredPolicy));
        Assert.Contains(aws.Calls("DescribeCluster"), r => r.Succeeded && r.ClusterName == FakeAwsAccount.ClusterName);
        Assert.All(aws.Server.Requests.Where(r => r.Service == "iam"), r => Assert.Equal(FakeAwsAccount.ClusterRoleName, r.RoleName));
        aws.AssertOtherPoliciesUntouched();
    }

    public static TheoryData<string, string, string> Partitions => new()
    {
        { "aws-cn", "cn-north-1", "China: IAM signed for cn-north-1" },
        { "aws-us-gov", "us-gov-west-1", "GovCloud: IAM signed for us-gov-west-1" },
    };

    [Theory]
    [MemberData(nameof(Partitions))]
    public async Task Partition_OfTheClusterRoleArn_IsUsedInThePolicy(string partition, string region, string reason)
    {
        await using var aws = await FakeAwsAccount.StartAsync(partition, region);
        Assert.StartsWith($"arn:{partition}:iam::", aws.ClusterRoleArn, StringComparison.Ordinal);
        // No --region: the partition comes from DescribeCluster's roleArn alone.
        await using var h = await aws.StartOperatorAsync(o => o with { Region = null });

        h.Apply(Tagged("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");

        var stored = aws.StoredPolicy!;
        Assert.True(PolicyDocument.AreEquivalent(Desired(partition), stored), reason);
        Assert.Contains($"arn:{partition}:ec2:*:*:volume/*", stored, StringComparison.Ordinal);
        Assert.Contains($"arn:{partition}:shield::*:protection/*", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("arn:aws:", stored, StringComparison.Ordinal);
        aws.AssertOtherPoliciesUntouched();
    }

    [Fact]
    public async Task TrustPolicyWithoutTagSession_IsReported_AndNothingIsWrittenOrApplied()
    {
        await using var aws = await FakeAwsAccount.StartAsync(trustPolicy: FakeAwsAccount.TrustWithoutTagSession);
        await using var h = await aws.StartOperatorAsync();

        h.Apply(Tagged("web"));
        await h.WaitForAsync(() => Reason(h, "web", "TagPolicyReady") == "TrustPolicyMissingTagSession");

        Assert.Contains("sts:TagSession", Message(h, "web", "TagPolicyReady"), StringComparison.Ordinal);
        Assert.Equal("True", OperatorHarness.Condition(h.Get(Classes, "web"), "Stalled"));
        Assert.Empty(aws.Calls("PutRolePolicy"));
        Assert.Null(h.Get(NodeClasses, "web"));
        aws.AssertOtherPoliciesUntouched();
    }

    [Fact]
    public async Task ManageIamFalse_OnlyVerifiesAndReportsPolicyMissing_NeverWrites()
    {
        await using var aws = await FakeAwsAccount.StartAsync();
        await using var h = await aws.StartOperatorAsync(o => o with { ManageIam = false });

        h.Apply(Tagged("web"));
        await h.WaitForAsync(() => Reason(h, "web", "TagPolicyReady") == "PolicyMissing");
        Assert.Contains("--manage-iam=false", Message(h, "web", "TagPolicyReady"), StringComparison.Ordinal);
        Assert.Null(h.Get(NodeClasses, "web"));

        // Someone attaches it by hand: the next resync confirms it and the class proceeds without user action.
        aws.Server.PutInlinePolicy(FakeAwsAccount.ClusterRoleName, FakeAwsAccount.PolicyName, TagPropagationPolicy.Create("aws").ToIndentedJson());
        await AdvanceUntilAsync(h, () => h.Get(NodeClasses, "web") is not null, Resync);
        await h.WaitForConditionAsync("web", "Ready", "True");

        // The last tagged class goes: verify-only never deletes either.
        h.Server.Delete(Classes, "web");
        await h.WaitForAsync(() => h.Runtime.TagPolicy.Current.Reason == "NotRequired");
        Assert.NotNull(aws.StoredPolicy);
        Assert.Empty(aws.Calls("PutRolePolicy"));
        Assert.Empty(aws.Calls("DeleteRolePolicy"));
        aws.AssertOtherPoliciesUntouched();
    }

    private static string Reformatted(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        var statements = node["Statement"]!.AsArray().Select(s => Reversed(s!.AsObject())).Reverse().ToList();
        var reordered = new JsonObject { ["Statement"] = new JsonArray([.. statements]), ["Version"] = node["Version"]!.DeepClone() };
        return reordered.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentCharacter = '\t', IndentSize = 1, NewLine = "\r\n" });
    }

    private static JsonObject Reversed(JsonObject obj) =>
        new(obj.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value is JsonObject o ? Reversed(o) : p.Value?.DeepClone())));

    private static string StringVersusArray(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var statement in node["Statement"]!.AsArray().Select(s => s!.AsObject()))
        {
            foreach (var key in new[] { "Action", "Resource" })
            {
                statement[key] = statement[key] switch
                {
                    JsonArray { Count: 1 } one => one[0]!.DeepClone(),
                    JsonArray many => new JsonArray([.. many.Reverse().Select(v => v!.DeepClone())]),
                    JsonValue single => new JsonArray(single.DeepClone()),
                    var other => other?.DeepClone(),
                };
            }
        }

        return node.ToJsonString();
    }
}
