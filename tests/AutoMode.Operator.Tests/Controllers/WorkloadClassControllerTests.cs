using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
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
        // One status write while Auto Mode has not reported yet, one when it reports Ready; a third when Auto Mode's
        // NodeClass and NodePool reports arrive in separate reconciles.
        Assert.InRange(h.Server.Requests.Count(r => r.IsWrite && r.Plural == Classes && r.Subresource == "status"), 1, 3);

        // The caches answer whether the names are free: no live read of the children or of the class.
        Assert.DoesNotContain(h.Server.Requests, r => r.Verb == "get" && r.Plural is Classes or NodeClasses or NodePools);

        // Converged: the cache shows what the server stores, so no reconcile is pending.
        await h.WaitForCacheAsync("web");
        var before = h.Runtime.Writer.Writes;
        for (var i = 0; i < 100; i++)
        {
            await h.Runtime.ReconcileClassAsync("web", CancellationToken.None);
        }

        Assert.Equal(before, h.Runtime.Writer.Writes);

        // One event for both children, sent in the background.
        await h.WaitForAsync(() => h.Server.List("events").Any(e => (string?)e["reason"] == "Created"));
        var created = Assert.Single(h.Server.List("events"), e => (string?)e["reason"] is "Created" or "Updated");
        Assert.Equal("Created NodeClass web and NodePool web.", (string?)created["message"]);
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
        // A creation attempted before the pool reached the cache is refused (409, no force) and changes nothing.
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite && r.Plural == NodePools && r.Name == "web" && r.StatusCode is >= 200 and < 300);
    }

    [Fact]
    public async Task UnownedObjectTheCacheHasNotShownYet_IsNeitherTakenOverNorModified()
    {
        await using var h = await OperatorHarness.StartAsync();

        // The operator's NodePool watch and relists fail, so the pool created next never reaches its cache.
        var poolsFrozen = new FaultPlan(seed: 5) { ConnectionReset = 1 };
        poolsFrozen.Verbs.UnionWith(["list", "watch"]);
        poolsFrozen.Resources.Add(NodePools);
        h.Server.Faults = poolsFrozen;
        h.Server.DropWatches();
        h.Server.Put(new JsonObject
        {
            ["apiVersion"] = "karpenter.sh/v1",
            ["kind"] = "NodePool",
            ["metadata"] = new JsonObject { ["name"] = "web" },
            ["spec"] = new JsonObject { ["limits"] = new JsonObject { ["cpu"] = "1" } },
        });
        var version = h.Get(NodePools, "web")!["metadata"]!["resourceVersion"]!.GetValue<string>();

        h.Apply(WorkloadClasses.Valid("web"));

        await h.WaitForAsync(() => h.Server.Requests.Any(r => r.IsWrite && r.Plural == NodePools && r.Name == "web"));
        Assert.Null(h.Cache<V1NodePool>().Get("web"));
        Assert.Equal(409, h.Server.Requests.First(r => r.IsWrite && r.Plural == NodePools && r.Name == "web").StatusCode);
        Assert.Equal(version, h.Get(NodePools, "web")!["metadata"]!["resourceVersion"]!.GetValue<string>());

        // Once the cache shows the pool, the class reports the Conflict; the pool is still untouched.
        h.Server.Faults = null;
        await h.WaitForConditionAsync("web", "Conflict", "True");
        Assert.Equal(version, h.Get(NodePools, "web")!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Null(h.Get(NodePools, "web")!["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task ConflictingUnownedNodePoolDeleted_ClassCreatesItsOwnAndBecomesReady_WithoutResync()
    {
        // No resync within the test: only the NodePool's DELETED event can bring the class back.
        await using var h = await OperatorHarness.StartAsync(o => o with { Resync = TimeSpan.FromHours(12) });
        h.Server.Put(new JsonObject
        {
            ["apiVersion"] = "karpenter.sh/v1",
            ["kind"] = "NodePool",
            ["metadata"] = new JsonObject { ["name"] = "web", ["labels"] = new JsonObject { ["team"] = "other" } },
            ["spec"] = new JsonObject { ["limits"] = new JsonObject { ["cpu"] = "1" } },
        });
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Conflict", "True");
        await h.SettleAsync("web");

        h.Server.Delete(NodePools, "web");

        await h.WaitForConditionAsync("web", "Ready", "True");
        var uid = h.Get(Classes, "web")!["metadata"]!["uid"]!.GetValue<string>();
        var reference = h.Get(NodePools, "web")!["metadata"]!["ownerReferences"]!.AsArray().Single()!;
        Assert.Equal(uid, reference["uid"]!.GetValue<string>());
        Assert.Equal("100", h.Get(NodePools, "web")!["spec"]!["limits"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public async Task GarbageCollectionOfChildrenSeenBeforeTheClassDeletion_ChildrenAreNotRecreated()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        await h.SettleAsync("web");

        // The class's own DELETED event is late: the operator's class watch and relists fail, the children's go on.
        var classesFrozen = new FaultPlan(seed: 3) { ConnectionReset = 1 };
        classesFrozen.Verbs.UnionWith(["list", "watch"]);
        classesFrozen.Resources.Add(Classes);
        h.Server.Faults = classesFrozen;
        h.Server.DropWatches();
        var deletedAt = h.Server.Requests.Max(r => r.Sequence);
        h.Server.Delete(Classes, "web");

        // Garbage collection removed both children; their DELETED events reached the caches and queued the class.
        await h.WaitForOperatorAsync(() => h.Cache<V1NodePool>().Get("web") is null && h.Cache<V1NodeClass>().Get("web") is null);
        var marker = h.Reconciles.Sequence;
        h.ClassQueue.Add("web");
        await h.Reconciles.WaitForRunAfterAsync("web", marker);

        Assert.NotNull(h.Runtime.Classes.Get("web"));
        var since = h.Server.Requests.Where(r => r.Sequence > deletedAt).ToList();
        Assert.DoesNotContain(since, r => r.IsWrite && r.Plural is NodeClasses or NodePools);
        Assert.Contains(since, r => r.Verb == "get" && r.Plural == Classes && r.Name == "web" && r.StatusCode == 404);
        Assert.Null(h.Get(NodePools, "web"));
        Assert.Null(h.Get(NodeClasses, "web"));

        // Once the deletion reaches the class cache the class is forgotten, its children's history with it.
        h.Server.Faults = null;
        await h.WaitForOperatorAsync(() => h.Runtime.Classes.Get("web") is null);
        await h.WaitForOperatorAsync(() => !h.Runtime.SeenChildren.WasSeen("NodePool", "web") && !h.Runtime.SeenChildren.WasSeen("NodeClass", "web"));
        Assert.Null(h.Get(NodePools, "web"));
        Assert.Null(h.Get(NodeClasses, "web"));
    }

    [Fact]
    public async Task Delete_PrunesChildren()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");

        h.Server.Delete(Classes, "web");

        await h.WaitForAsync(() => h.Get(NodePools, "web") is null && h.Get(NodeClasses, "web") is null);
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
            await h.WaitForConditionAsync($"c{i}", "Ready", "True", TimeSpan.FromSeconds(60));
        }

        Assert.Contains(h.Server.InjectedFaults, f => f.Kind == FaultKind.TooManyRequests);
        Assert.Contains(h.Server.InjectedFaults, f => f.Kind == FaultKind.InternalServerError);
    }

    [Fact]
    public async Task TwoInstances_OnlyTheLeaderWrites()
    {
        await using var leader = await OperatorHarness.StartAsync(o => o with { LeaderElect = true, LeaderElectionNamespace = "automode-system" });
        await leader.WaitForAsync(() => leader.Runtime.IsLeading);
        await using var follower = await OperatorHarness.StartAsync(o => o with { LeaderElect = true, LeaderElectionNamespace = "automode-system" }, sharedServer: leader.Server);

        leader.Apply(WorkloadClasses.Valid("web"));
        await leader.WaitForConditionAsync("web", "Ready", "True");

        Assert.True(leader.Runtime.Writer.Writes > 0);
        Assert.False(follower.Runtime.IsLeading);
        Assert.Equal(0, follower.Runtime.Writer.Writes);
    }

    [Fact]
    public async Task NodeRoleChange_IsReportedAndTheRunningNodeClassKept()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");

        h.Apply(WorkloadClasses.Valid("web", s => s.NodeRole = "arn:aws:iam::123456789012:role/teams/OtherNodeRole"));

        await h.WaitForConditionAsync("web", "Stalled", "True");
        var workloadClass = h.Get(Classes, "web");
        Assert.Equal("ApplyRejected", OperatorHarness.Condition(workloadClass, "Stalled", "reason"));
        Assert.Contains("spec.nodeRole", OperatorHarness.Condition(workloadClass, "Ready", "message"), StringComparison.Ordinal);
        Assert.Equal("AmazonEKSAutoNodeRole", h.Get(NodeClasses, "web")!["spec"]!["role"]!.GetValue<string>());
    }
}
