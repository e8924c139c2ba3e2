using System.Text.Json.Nodes;
using AutoMode.Operator.Controllers.WorkloadClasses;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Builders;
using AutoMode.Testing.Kube;
using static AutoMode.Operator.Tests.OffHours.OffHoursWorld;

namespace AutoMode.Operator.Tests.OffHours;

/// <summary>
/// Issue 5 acceptance, drain side: the real operator against the fake API server, the schedule on a fake clock, and
/// Karpenter played by the test (NodeClaims keep a finalizer until released).
/// </summary>
public sealed class OffHoursDrainerTests
{
    [Fact]
    public async Task WindowOpens_QueueFiresExactlyAtTransition_ZeroLimitsThenDrainsAtMaxUnavailable()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Nightly("batch", o => o.Drain!.MaxUnavailable = "2"));
        foreach (var claim in new[] { "a", "b", "c", "d", "e" })
        {
            h.PutClaim(claim, "batch");
        }

        await h.SettleAsync("batch");
        Assert.Empty(h.Terminating("batch"));
        Assert.Equal(1, h.ClassQueue.DelayedCount);

        // One second early: the requeue timer has not fired, nothing changed.
        h.Time.Advance(Opens - h.Time.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Equal(1, h.ClassQueue.DelayedCount);
        Assert.Equal("64", (string?)h.Limits("batch")!["cpu"]);

        // At the transition the queue's own timer fires on the fake clock: no test enqueues anything.
        var marker = h.Reconciles.Sequence;
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, h.ClassQueue.DelayedCount);
        await h.WaitForAsync(() => h.LimitsAreZero("batch") && h.Terminating("batch").Count == 2);
        await h.Reconciles.WaitForRunAfterAsync("batch", marker);
        await h.SettleAsync("batch");

        // Limits first, so Karpenter cannot replace what is drained; oldest first, then by name.
        var zeroLimits = h.Server.Requests.Last(r => r.IsWrite && r.Plural == NodePools && r.Name == "batch");
        Assert.True(h.Server.Requests.Where(r => r.Verb == "delete" && r.Plural == NodeClaims).All(r => r.Sequence > zeroLimits.Sequence));
        Assert.Equal(["a", "b"], h.Terminating("batch"));

        // The next one only as an earlier one disappears, never more than two terminating.
        var expected = new[] { ["b", "c"], ["c", "d"], ["d", "e"], ["e"], Array.Empty<string>() };
        var released = new[] { "a", "b", "c", "d", "e" };
        for (var i = 0; i < released.Length; i++)
        {
            h.Release(released[i]);
            await h.WaitForAsync(() => h.Terminating("batch").SequenceEqual(expected[i]));
            await h.SettleAsync("batch");
            Assert.Equal(expected[i], h.Terminating("batch"));
            Assert.Equal(released[(i + 1)..], h.Existing("batch"));
        }

        foreach (var claim in released)
        {
            Assert.Equal(1, h.DeleteRequests(claim));
        }

        var status = h.OffHoursStatus("batch")!;
        Assert.True((bool)status["active"]!);
        Assert.Equal(Opens, (DateTimeOffset)status["since"]!);
        Assert.Equal(Closes, (DateTimeOffset)status["nextTransition"]!);
        Assert.Null(status["override"]);
        Assert.Equal(0, (int)status["nodeClaimsRemaining"]!);
        var workloadClass = h.Get(Classes, "batch");
        Assert.Equal("True", OperatorHarness.Condition(workloadClass, "OffHours"));
        Assert.Equal("Scheduled", OperatorHarness.Condition(workloadClass, "OffHours", "reason"));
        Assert.Equal("True", OperatorHarness.Condition(workloadClass, "Ready"));
        Assert.Null(OperatorHarness.Condition(workloadClass, "DrainBlocked"));
        await h.WaitForEventAsync("batch", "OffHoursStarted");
        await h.WaitForAsync(() => h.Events("batch", "NodeClaimDeleted").Count == 5);
        Assert.Empty(h.Reconciles.Errors);
    }

    [Fact]
    public async Task OperatorRestartedMidWindow_NoExtraDeletions_SameFinalState()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Nightly("batch", o => o.Drain!.MaxUnavailable = "2"));
        foreach (var claim in new[] { "a", "b", "c", "d" })
        {
            h.PutClaim(claim, "batch");
        }

        await h.SettleAsync("batch");
        h.Time.Advance(Opens - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.Terminating("batch").Count == 2);
        await h.SettleAsync("batch");
        var statusBefore = h.OffHoursStatus("batch")!.ToJsonString();

        // Restart with nothing changed: the new process deletes nothing and writes nothing.
        await h.StopOperatorAsync();
        await h.StartOperatorAsync();
        await h.SettleAsync("batch");
        Assert.Equal(0, h.Runtime.Writer.Writes);
        Assert.Equal(["a", "b"], h.Terminating("batch"));

        // Karpenter finishes one while the operator is down: the new process deletes exactly one more.
        await h.StopOperatorAsync();
        h.Release("a");
        await h.StartOperatorAsync();
        await h.WaitForAsync(() => h.Terminating("batch").Count == 2);
        await h.SettleAsync("batch");
        Assert.Equal(["b", "c"], h.Terminating("batch"));
        Assert.Equal(["b", "c", "d"], h.Existing("batch"));

        foreach (var claim in new[] { "b", "c" })
        {
            h.Release(claim);
        }

        await h.WaitForAsync(() => h.Terminating("batch").SequenceEqual(["d"]));
        h.Release("d");
        await h.WaitForAsync(() => (int?)h.OffHoursStatus("batch")?["nodeClaimsRemaining"] == 0);
        await h.SettleAsync("batch");

        foreach (var claim in new[] { "a", "b", "c", "d" })
        {
            Assert.Equal(1, h.DeleteRequests(claim));
        }

        Assert.True(h.LimitsAreZero("batch"));
        var after = h.OffHoursStatus("batch")!.AsObject();
        var before = JsonNode.Parse(statusBefore)!.AsObject();
        foreach (var field in new[] { "active", "since", "nextTransition" })
        {
            Assert.Equal(before[field]!.ToJsonString(), after[field]!.ToJsonString());
        }

        // A restart changes nothing about the transition either: one OffHoursStarted event in all.
        await h.WaitForEventAsync("batch", "OffHoursStarted");
        Assert.Single(h.Events("batch", "OffHoursStarted"));
        Assert.Empty(h.Reconciles.Errors);
    }

    [Fact]
    public async Task NodeClaimNeverGoesAway_DrainBlockedAfterBlockedAfter_NamingIt()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Nightly("batch"));
        h.PutClaim("a-stuck", "batch", nodeName: "ip-10-0-0-1.ec2.internal");
        h.PutClaim("b-later", "batch");
        await h.SettleAsync("batch");
        h.Time.Advance(Opens - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.Terminating("batch").SequenceEqual(["a-stuck"]));
        await h.SettleAsync("batch");
        Assert.Null(OperatorHarness.Condition(h.Get(Classes, "batch"), "DrainBlocked"));

        // blockedAfter is 30m: a second early nothing is reported; the requeue fires at exactly 30m.
        h.Time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        await h.SettleAsync("batch");
        Assert.Null(OperatorHarness.Condition(h.Get(Classes, "batch"), "DrainBlocked"));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.WaitForConditionAsync("batch", "DrainBlocked", "True");

        var workloadClass = h.Get(Classes, "batch");
        var message = OperatorHarness.Condition(workloadClass, "DrainBlocked", "message")!;
        Assert.Contains("a-stuck (since 2026-11-23T20:00:00Z)", message, StringComparison.Ordinal);
        Assert.Contains("PodDisruptionBudget", message, StringComparison.Ordinal);
        Assert.Contains("karpenter.sh/do-not-disrupt", message, StringComparison.Ordinal);
        Assert.DoesNotContain("b-later", message, StringComparison.Ordinal);
        Assert.Equal("True", OperatorHarness.Condition(workloadClass, "Ready"));
        await h.WaitForEventAsync("batch", "DrainBlocked", e => ((string?)e["message"])!.Contains("a-stuck", StringComparison.Ordinal) && (string?)e["type"] == "Warning");

        // Still held: the pace is kept, nothing else is deleted, and the report clears once it is gone.
        Assert.Equal(0, h.DeleteRequests("b-later"));
        h.Release("a-stuck");
        await h.WaitForAsync(() => h.Terminating("batch").SequenceEqual(["b-later"]));
        await h.SettleAsync("batch");
        Assert.Null(OperatorHarness.Condition(h.Get(Classes, "batch"), "DrainBlocked"));
        Assert.Empty(h.Reconciles.Errors);
    }

    [Fact]
    public async Task WindowOpens_NodeClaimsOfOtherPoolsAndUnownedPools_Untouched()
    {
        await using var h = await StartAsync();

        // "taken": a NodePool someone else created under the class's name; the class reports a conflict.
        h.Server.Put(new JsonObject
        {
            ["apiVersion"] = "karpenter.sh/v1",
            ["kind"] = "NodePool",
            ["metadata"] = new JsonObject { ["name"] = "taken" },
            ["spec"] = new JsonObject { ["limits"] = new JsonObject { ["cpu"] = "10" } },
        });
        await h.ApplyAndSettleAsync(Nightly("batch", o => o.Drain!.MaxUnavailable = "100%"));
        await h.ApplyAndSettleAsync(WorkloadClasses.Valid("web"));
        h.Apply(Nightly("taken", o => o.Drain!.MaxUnavailable = "100%"));
        await h.WaitForConditionAsync("taken", "Conflict", "True");

        h.PutClaim("batch-1", "batch");
        h.PutClaim("batch-2", "batch");
        h.PutClaim("web-1", "web");
        h.PutClaim("taken-1", "taken");
        h.PutClaim("manual-1", "manual");
        foreach (var name in new[] { "batch", "web", "taken" })
        {
            await h.SettleAsync(name);
        }

        h.Time.Advance(Opens - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.Terminating("batch").Count == 2);
        foreach (var name in new[] { "batch", "web", "taken" })
        {
            await h.SettleAsync(name);
        }

        foreach (var untouched in new[] { ("web-1", "web"), ("taken-1", "taken"), ("manual-1", "manual") })
        {
            Assert.Equal(0, h.DeleteRequests(untouched.Item1));
            Assert.Equal([untouched.Item1], h.Existing(untouched.Item2));
            Assert.Empty(h.Terminating(untouched.Item2));
        }

        Assert.Equal("10", (string?)h.Limits("taken")!["cpu"]);
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite && r.Plural == NodePools && r.Name == "taken");
        Assert.Equal("100", (string?)h.Limits("web")!["cpu"]);
        Assert.Empty(h.Reconciles.Errors);
    }

    [Fact]
    public async Task OperatorNodeIsInThePool_ItsNodeClaimIsSkippedAndReported()
    {
        await using var h = await StartAsync(o => o with { NodeName = "ip-10-0-0-9.ec2.internal" });
        await h.ApplyAndSettleAsync(Nightly("batch", o => o.Drain!.MaxUnavailable = "100%"));
        h.PutClaim("mine", "batch", nodeName: "ip-10-0-0-9.ec2.internal");
        h.PutClaim("other", "batch", nodeName: "ip-10-0-0-1.ec2.internal");
        await h.SettleAsync("batch");

        h.Time.Advance(Opens - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.Terminating("batch").SequenceEqual(["other"]));
        await h.SettleAsync("batch");

        Assert.Equal(0, h.DeleteRequests("mine"));
        await h.WaitForEventAsync("batch", "DrainSkipped", e => ((string?)e["message"])!.Contains("mine", StringComparison.Ordinal));
        Assert.Equal(2, (int)h.OffHoursStatus("batch")!["nodeClaimsRemaining"]!);
    }

    [Fact]
    public async Task ProtectedNamespaces_NodesRunningTheirPodsAreNotDrained_AndUnreadablePodsDrainNothing()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Nightly("batch", o =>
        {
            o.Drain!.MaxUnavailable = "100%";
            o.Drain.ProtectedNamespaces = ["payments"];
        }));
        h.PutClaim("busy", "batch", nodeName: "node-1");
        h.PutClaim("idle", "batch", nodeName: "node-2");
        h.PutClaim("finished", "batch", nodeName: "node-3");
        h.PutPod("payments", "api-0", "node-1");
        h.PutPod("payments", "migrate-0", "node-3", phase: "Succeeded");
        h.PutPod("default", "web-0", "node-2");
        await h.SettleAsync("batch");

        // The window opens while pods cannot be listed: capacity is capped, but nothing is drained blindly.
        var podsFail = new FaultPlan(seed: 1) { InternalServerError = 1 };
        podsFail.Verbs.Add("list");
        podsFail.Resources.Add("pods");
        h.Server.Faults = podsFail;
        h.Time.Advance(Opens - h.Time.GetUtcNow());
        await h.WaitForEventAsync("batch", "DrainSkipped", e => ((string?)e["message"])!.Contains("could not be listed (HTTP 500)", StringComparison.Ordinal));
        Assert.True(h.LimitsAreZero("batch"));
        Assert.Empty(h.Terminating("batch"));

        // Readable again: the next attempt drains every node without a running payments pod.
        h.Server.Faults = null;
        h.Time.Advance(OffHoursDrainer.ProtectedPodsRetry);
        await h.WaitForAsync(() => h.Terminating("batch").SequenceEqual(["finished", "idle"]));
        await h.SettleAsync("batch");

        Assert.Equal(0, h.DeleteRequests("busy"));
        await h.WaitForEventAsync("batch", "DrainSkipped", e => ((string?)e["message"])!.Contains("NodeClaim busy is not drained (ProtectedNamespace)", StringComparison.Ordinal));
        Assert.Equal(3, (int)h.OffHoursStatus("batch")!["nodeClaimsRemaining"]!);
    }
}
