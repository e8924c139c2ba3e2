using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Status;
using AutoMode.Operator.Controllers.WorkloadClasses;
using AutoMode.Testing.Builders;
using AutoMode.Testing.Kube;

namespace AutoMode.Operator.Tests.Controllers;

/// <summary>The WorkloadClass controller end to end over real HTTP against the fake API server (issue: the operator).</summary>
public sealed class WorkloadClassControllerTests
{
    private const string Classes = WorkloadClassApi.Plural;
    private const string NodePools = "nodepools";
    private const string NodeClasses = "nodeclasses";

    [Fact]
    public async Task Create_GeneratesOwnedObjectsAndBecomesReady()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));

        await h.WaitForConditionAsync("web", "Ready", "True");

        var owner = h.Get(Classes, "web")!;
        foreach (var plural in new[] { NodeClasses, NodePools })
        {
            var child = h.Get(plural, "web")!;
            var reference = child["metadata"]!["ownerReferences"]!.AsArray().Single()!;
            Assert.Equal(owner["metadata"]!["uid"]!.GetValue<string>(), reference["uid"]!.GetValue<string>());
            Assert.True(reference["controller"]!.GetValue<bool>());
            Assert.Equal("automode-operator", child["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());
            Assert.Equal("web", child["metadata"]!["labels"]!["automode.io/workload-class"]!.GetValue<string>());
        }

        var pool = h.Get(NodePools, "web")!;
        Assert.Equal("100", pool["spec"]!["limits"]!["cpu"]!.GetValue<string>());
        Assert.Equal("web", pool["spec"]!["template"]!["metadata"]!["labels"]!["automode.io/workload-class"]!.GetValue<string>());
        var status = h.Get(Classes, "web")!["status"]!;
        Assert.Equal("web", status["nodeClassName"]!.GetValue<string>());
        Assert.Equal("web", status["nodePoolName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WritesNodeClassNodePoolAndStatusOnly_ThenNothingAtSteadyState()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");

        Assert.Equal(1, h.Server.Requests.Count(r => r.IsWrite && r.Plural == NodeClasses));
        Assert.Equal(1, h.Server.Requests.Count(r => r.IsWrite && r.Plural == NodePools));
        // Converged: the cache shows what the server stores, so no reconcile is pending.
        await h.WaitForCacheAsync("web");

        // One status write: the first status waits (on the operator's clock, which does not move here) for Auto Mode
        // to report the new NodeClass and NodePool, so no "Waiting for EKS Auto Mode" status is written just before Ready.
        // (The server logs a request after sending its response, so the log may trail what the client already saw.)
        int StatusWrites() => h.Server.Requests.Count(r => r.IsWrite && r.Plural == Classes && r.Subresource == "status");
        for (var polls = 0; StatusWrites() == 0 && polls < 500; polls++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, StatusWrites());
        var before = h.Runtime.Writer.Writes;
        for (var i = 0; i < 100; i++)
        {
            await h.Runtime.ReconcileClassAsync("web", CancellationToken.None);
        }

        Assert.Equal(before, h.Runtime.Writer.Writes);
    }

    [Fact]
    public async Task AutoModeSilent_FirstStatusWaitsOnlyItsWindow_ThenShowsProgressing()
    {
        await using var h = await OperatorHarness.StartAsync(autoMode: false);
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForAsync(() => h.Get(NodePools, "web") is not null);
        await h.WaitForCacheAsync("web");
        Assert.Null(h.Get(Classes, "web")!["status"]);

        await h.WaitTickingAsync(() => OperatorHarness.Condition(h.Get(Classes, "web"), "Ready") is not null);

        Assert.Equal("Unknown", OperatorHarness.Condition(h.Get(Classes, "web"), "Ready"));
        Assert.Equal("WaitingForAutoMode", OperatorHarness.Condition(h.Get(Classes, "web"), "NodePoolReady", "reason"));
        Assert.InRange(h.Time.GetUtcNow() - OperatorHarness.Start, FirstStatusHold.Window, FirstStatusHold.Window + TimeSpan.FromSeconds(2));
    }

    /// <summary>
    /// Auto Mode reports the NodePool Ready while the NodePool watch is down (its events never reach the cache): the
    /// class, still waiting after the recheck interval, reads the NodePool live, shows Ready, and the cache relists.
    /// </summary>
    [Fact]
    public async Task AutoModeReportMissedByTheCache_ClassReadsTheChildLive_AfterTheRecheck_AndTheCacheRelists()
    {
        await using var h = await OperatorHarness.StartAsync(autoMode: false);
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForAsync(() => h.Get(NodePools, "web") is not null);
        h.Server.Put(FakeAutoMode.MarkReady(h.Get(NodeClasses, "web")!));
        await h.WaitTickingAsync(() => OperatorHarness.Condition(h.Get(Classes, "web"), "NodeClassReady") == "True");
        Assert.Equal("WaitingForAutoMode", OperatorHarness.Condition(h.Get(Classes, "web"), "NodePoolReady", "reason"));
        var listsBefore = h.Server.Requests.Count(r => r.Verb == "list" && r.Plural == NodePools);

        // Every NodePool watch fails from now on, so the cache cannot hear of the report.
        h.Server.Faults = new FaultPlan(seed: 1) { ServiceUnavailable = 1 };
        h.Server.Faults.Verbs.Add("watch");
        h.Server.Faults.Resources.Add(NodePools);
        h.Server.DropWatches();
        var pool = h.Get(NodePools, "web")!;
        h.Server.Put(FakeAutoMode.MarkReady(pool));
        var reportedAt = h.Time.GetUtcNow();

        await h.WaitTickingAsync(() => OperatorHarness.Condition(h.Get(Classes, "web"), "Ready") == "True");

        Assert.InRange(h.Time.GetUtcNow() - reportedAt, TimeSpan.Zero, WorkloadClassController.AutoModeRecheck + TimeSpan.FromSeconds(5));
        Assert.InRange(h.Time.GetUtcNow() - OperatorHarness.Start, WorkloadClassController.AutoModeRecheck, WorkloadClassController.AutoModeRecheck * 3);
        Assert.Contains(h.Server.Requests, r => r.Verb == "get" && r.Plural == NodePools && r.Name == "web");
        await h.WaitForAsync(() => h.Server.Requests.Count(r => r.Verb == "list" && r.Plural == NodePools) > listsBefore);
    }

    [Fact]
    public async Task Edit_UpdatesNodePool()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");

        h.Apply(WorkloadClasses.Valid("web", s => s.Limits = new Dictionary<string, string> { ["cpu"] = "8" }));

        await h.WaitForAsync(() => (string?)h.Get(NodePools, "web")?["spec"]?["limits"]?["cpu"] == "8");
        Assert.Null(h.Get(NodePools, "web")!["spec"]!["limits"]!["memory"]);
    }

    [Fact]
    public async Task ManualEditOfGeneratedNodePool_IsReverted()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");

        var pool = h.Get(NodePools, "web")!;
        pool["spec"]!["limits"]!["cpu"] = "9999";
        h.Server.Put(pool);

        await h.WaitForAsync(() => (string?)h.Get(NodePools, "web")?["spec"]?["limits"]?["cpu"] == "100");
    }

    [Fact]
    public async Task InvalidEdit_KeepsLastGoodObjectsAndReportsTheField()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        var poolVersion = h.Get(NodePools, "web")!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var classVersion = h.Get(NodeClasses, "web")!["metadata"]!["resourceVersion"]!.GetValue<string>();

        // The CRD's CEL rules would refuse this edit; play a cluster whose CRD predates them: the operator must still hold.
        h.Server.State.Cel.Remove(WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural);
        h.Apply(WorkloadClasses.Valid("web", s => s.Lifecycle = new LifecycleSpec { ExpireAfter = "Never" }));

        await h.WaitForConditionAsync("web", "Validated", "False");
        var workloadClass = h.Get(Classes, "web");
        Assert.Contains("spec.lifecycle.expireAfter", OperatorHarness.Condition(workloadClass, "Validated", "message"), StringComparison.Ordinal);
        Assert.Equal("True", OperatorHarness.Condition(workloadClass, "Stalled"));
        Assert.Equal(poolVersion, h.Get(NodePools, "web")!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(classVersion, h.Get(NodeClasses, "web")!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnownedObjectWithOurName_ReportsConflictAndIsNeverWritten()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Server.Put(new JsonObject
        {
            ["apiVersion"] = "karpenter.sh/v1",
            ["kind"] = "NodePool",
            ["metadata"] = new JsonObject { ["name"] = "web" },
            ["spec"] = new JsonObject { ["limits"] = new JsonObject { ["cpu"] = "1" } },
        });
        var version = h.Get(NodePools, "web")!["metadata"]!["resourceVersion"]!.GetValue<string>();

        h.Apply(WorkloadClasses.Valid("web"));

        await h.WaitForConditionAsync("web", "Conflict", "True");
        Assert.Equal("False", OperatorHarness.Condition(h.Get(Classes, "web"), "Ready"));
        Assert.Equal(version, h.Get(NodePools, "web")!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite && r.Plural == NodePools && r.Name == "web");
    }

    [Fact]
    public async Task Delete_GarbageCollectorRemovesTheChildren_TheOperatorDeletesNothing()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");

        h.Server.Delete(Classes, "web");

        await h.WaitForAsync(() => h.Get(NodePools, "web") is null && h.Get(NodeClasses, "web") is null);
        await h.SettleAsync("web");
        Assert.DoesNotContain(h.Server.Requests, r => r.Verb == "delete" && r.Plural is NodePools or NodeClasses);
    }

    [Fact]
    public async Task FaultyServer_DroppedWatches410And429And500_Converges()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Server.Faults = new FaultPlan(seed: 7)
        {
            TooManyRequests = 0.1,
            RetryAfterSeconds = 0,
            InternalServerError = 0.1,
            ServiceUnavailable = 0.05,
        };
        for (var i = 0; i < 10; i++)
        {
            h.Apply(WorkloadClasses.Valid($"c{i}"));
        }

        h.Server.DropWatches();
        h.Server.ExpireHistory();
        h.Server.DropWatches();

        for (var i = 0; i < 10; i++)
        {
            try
            {
                // The operator's clock moves as in a cluster: a reconcile that failed after all its HTTP retries
                // waits out its queue backoff on that clock, and a frozen one would park the class for good.
                var name = $"c{i}";
                await h.WaitTickingAsync(() => OperatorHarness.Condition(h.Get(Classes, name), "Ready") == "True", TimeSpan.FromSeconds(60));
            }
            catch (OperationCanceledException timeout)
            {
                // What the operator and the server hold for the class that did not converge (a rare failure in CI).
                var stored = h.Get(Classes, $"c{i}");
                throw new TimeoutException(
                    $"c{i} not Ready: status {stored?["status"]?.ToJsonString()}; NodePool {h.Get(NodePools, $"c{i}")?.ToJsonString()}; " +
                    $"NodeClass status {h.Get(NodeClasses, $"c{i}")?["status"]?.ToJsonString()}; caches: {h.Runtime.DescribeChildCaches($"c{i}")}; " +
                    $"queue ready {h.ClassQueue.Count}, delayed {h.ClassQueue.DelayedCount}; last reconcile errors: {string.Join(" || ", h.Reconciles.Errors.TakeLast(5))}",
                    timeout);
            }
        }

        Assert.Contains(h.Server.InjectedFaults, f => f.Kind == FaultKind.TooManyRequests);
        Assert.Contains(h.Server.InjectedFaults, f => f.Kind == FaultKind.InternalServerError);
    }

    [Fact]
    public async Task TwoInstances_OnlyTheLeaderWrites()
    {
        await using var leader = await OperatorHarness.StartAsync(o => o with { LeaderElect = true, LeaderElectionNamespace = "automode-system" });
        await leader.WaitForLeadershipAsync();
        await using var follower = await OperatorHarness.StartAsync(o => o with { LeaderElect = true, LeaderElectionNamespace = "automode-system" }, sharedServer: leader.Server);

        leader.Apply(WorkloadClasses.Valid("web"));
        await leader.WaitForConditionAsync("web", "Ready", "True");

        Assert.True(leader.Runtime.Writer.Writes > 0);
        Assert.False(follower.Runtime.IsLeading);
        Assert.Equal(0, follower.Runtime.Writer.Writes);
    }

    [Fact]
    public async Task NodeRoleChange_MovesThePoolToANodeClassOfTheNewRole_NothingStalls()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");

        // The CRD accepts the edit (issue 15): the NodeClass role is immutable, so the pool moves to a new NodeClass.
        h.Apply(WorkloadClasses.Valid("web", s => s.NodeRole = "arn:aws:iam::123456789012:role/teams/OtherNodeRole"));

        var moved = Core.Planning.NodeClassNaming.ForRole("web", "OtherNodeRole");
        await h.WaitForAsync(() => (string?)h.Get(NodePools, "web")?["spec"]?["template"]?["spec"]?["nodeClassRef"]?["name"] == moved && h.Get(NodeClasses, "web") is null);
        await h.WaitForConditionAsync("web", "Ready", "True");
        var workloadClass = h.Get(Classes, "web");
        Assert.Null(OperatorHarness.Condition(workloadClass, "Stalled"));
        Assert.Equal("OtherNodeRole", h.Get(NodeClasses, moved)!["spec"]!["role"]!.GetValue<string>());
    }
}
