using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Testing.Builders;

namespace AutoMode.Operator.Tests.Controllers;

/// <summary>
/// Ownership is the controller ownerReference to the live class's uid, never a label: what the operator may change,
/// and what survives a class's deletion (the fake API server's garbage collector follows kube-controller-manager's).
/// </summary>
public sealed class OwnershipTests
{
    private const string Classes = WorkloadClassApi.Plural;
    private const string NodePools = "nodepools";
    private const string NodeClasses = "nodeclasses";

    [Fact]
    public async Task LabelledCopyWithoutOwnerReference_SurvivesTheDeletionOfTheClassItsLabelNames()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        // A hand-made pool copied from the generated one: labels kept, ownerReference dropped.
        var copy = h.Get(NodePools, "web")!;
        copy["metadata"] = new JsonObject { ["name"] = "handmade-copy", ["labels"] = copy["metadata"]!["labels"]!.DeepClone() };
        copy.Remove("status");
        h.Server.Put(copy);

        h.Server.Delete(Classes, "web");

        await h.WaitForAsync(() => h.Get(NodePools, "web") is null && h.Get(NodeClasses, "web") is null);
        await h.SettleAsync("web");
        Assert.NotNull(h.Get(NodePools, "handmade-copy"));
        AssertOperatorDeletedNothing(h);
    }

    [Fact]
    public async Task ChildWhoseOwnerReferenceWasRemoved_IsReportedAndSurvivesTheClassDeletion()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        var pool = h.Get(NodePools, "web")!;
        pool["metadata"]!.AsObject().Remove("ownerReferences");
        h.Server.Put(pool);

        await h.WaitForConditionAsync("web", "Conflict", "True");
        Assert.Contains("exists but is not this class's", OperatorHarness.Condition(h.Get(Classes, "web"), "NodePoolReady", "message"), StringComparison.Ordinal);
        var version = ResourceVersion(h.Get(NodePools, "web"));
        h.Server.Delete(Classes, "web");

        await h.WaitForAsync(() => h.Get(NodeClasses, "web") is null);
        await h.SettleAsync("web");
        Assert.Equal(version, ResourceVersion(h.Get(NodePools, "web")));
        AssertOperatorDeletedNothing(h);
    }

    [Fact]
    public async Task CascadeOrphan_LeavesBothChildrenRunningAndUnowned()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");

        // kubectl delete wlc web --cascade=orphan
        h.Server.State.DeleteWithPropagation(Classes, "web", "Orphan");

        await h.WaitForAsync(() => h.Get(Classes, "web") is null);
        await h.SettleAsync("web");
        foreach (var plural in new[] { NodeClasses, NodePools })
        {
            var child = h.Get(plural, "web");
            Assert.NotNull(child);
            Assert.Null(child!["metadata"]!["ownerReferences"]);
        }

        AssertOperatorDeletedNothing(h);
    }

    [Fact]
    public async Task HandEditOfAChildWithoutOurLabels_IsRestoredWithinOneReconcile()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web", s => s.Weight = 10));
        await h.WaitForConditionAsync("web", "Ready", "True");
        var pool = h.Get(NodePools, "web")!;

        // Both labels removed (the object leaves any label-filtered view), then a hand edit of the spec.
        pool["metadata"]!.AsObject().Remove("labels");
        pool["spec"]!["weight"] = 7;
        h.Server.Put(pool);

        await h.WaitForAsync(() =>
        {
            var live = h.Get(NodePools, "web")!;
            return live["metadata"]!["labels"]?["automode.io/workload-class"]?.GetValue<string>() == "web" &&
                   live["spec"]!["weight"]?.GetValue<int>() == 10;
        });
    }

    [Fact]
    public async Task Conflict_ClearsAsSoonAsTheConflictingObjectIsDeleted()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Server.Put(new JsonObject
        {
            ["apiVersion"] = "karpenter.sh/v1",
            ["kind"] = "NodePool",
            ["metadata"] = new JsonObject { ["name"] = "web" },
            ["spec"] = new JsonObject { ["limits"] = new JsonObject { ["cpu"] = "1" } },
        });
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Conflict", "True");

        h.Server.Delete(NodePools, "web");

        // The operator's clock does not move here: no timer, only the deletion event, can bring the class back.
        await h.WaitForConditionAsync("web", "Ready", "True", TimeSpan.FromSeconds(10));
        Assert.NotNull(h.Get(NodePools, "web")!["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task ChildOfAnEarlierClassOfTheSameName_IsLeftToTheGarbageCollector_ThenReplaced()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        var oldUid = (string)h.Get(NodePools, "web")!["metadata"]!["ownerReferences"]![0]!["uid"]!;

        // Without the collector, the old class's children outlive it: the new class waits and never deletes them.
        h.Server.GarbageCollection = false;
        h.Server.Delete(Classes, "web");
        h.Apply(WorkloadClasses.Valid("web"));
        await h.SettleAsync("web");
        Assert.Equal(oldUid, (string)h.Get(NodePools, "web")!["metadata"]!["ownerReferences"]![0]!["uid"]!);
        AssertOperatorDeletedNothing(h);

        // The collector removes them (their owner's uid is gone); the new class creates its own.
        h.Server.GarbageCollection = true;
        h.Server.State.CollectGarbage();
        await h.WaitForConditionAsync("web", "Ready", "True");
        Assert.NotEqual(oldUid, (string)h.Get(NodePools, "web")!["metadata"]!["ownerReferences"]![0]!["uid"]!);
    }

    private static string? ResourceVersion(JsonObject? obj) => (string?)obj?["metadata"]?["resourceVersion"];

    private static void AssertOperatorDeletedNothing(OperatorHarness h) =>
        Assert.DoesNotContain(h.Server.Requests, r => r.Verb == "delete" && r.Plural is NodePools or NodeClasses);
}
