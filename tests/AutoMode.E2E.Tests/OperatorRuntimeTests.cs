using System.Text.Json;
using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Operator.Controllers;

namespace AutoMode.E2E.Tests;

/// <summary>The operator from this build against a real API server: samples in, compliant owned children and status out.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OperatorRuntimeTests(ClusterFixture cluster)
{
    [ClusterFact]
    public async Task Samples_GenerateOwnedNodeClassAndNodePoolAndBecomeReady()
    {
        using var cts = new CancellationTokenSource(E2eEnvironment.Timeout * 3);
        var names = Samples.Names.ToDictionary(s => s, s => cluster.Name("s", s));
        Assert.NotEmpty(names);
        foreach (var (sample, name) in names)
        {
            await cluster.ApplySampleAsync(sample, name, cts.Token);
        }

        // Every class waits out the Auto Mode grace period at the same time.
        var children = names.ToDictionary(p => p.Key, p => cluster.EnsureChildrenReadyAsync(p.Value, cts.Token));
        foreach (var (sample, name) in names)
        {
            var (nodeClassReady, nodePoolReady) = await children[sample];
            var workloadClass = nodeClassReady.Status == "True" && nodePoolReady.Status == "True"
                ? await cluster.WaitForConditionAsync(name, "Ready", "True", cts.Token)
                // A real Auto Mode controller judged a sample (its subnets and roles are examples): the class must mirror it.
                : await cluster.WaitForClassAsync(name, o => ClusterFixture.IsObserved(o) &&
                        ClusterFixture.Condition(o, "NodeClassReady") == nodeClassReady.Status &&
                        ClusterFixture.Condition(o, "NodePoolReady") == nodePoolReady.Status,
                    $"NodeClassReady={nodeClassReady.Status} and NodePoolReady={nodePoolReady.Status} mirrored", cts.Token);

            var nodeClass = (await cluster.Objects.GetAsync(Kinds.NodeClass, name, cts.Token))!;
            var nodePool = (await cluster.Objects.GetAsync(Kinds.NodePool, name, cts.Token))!;
            AssertOwnedBy(workloadClass, nodeClass, sample);
            AssertOwnedBy(workloadClass, nodePool, sample);

            var reference = nodePool["spec"]!["template"]!["spec"]!["nodeClassRef"]!;
            Assert.Equal("eks.amazonaws.com", (string?)reference["group"]);
            Assert.Equal("NodeClass", (string?)reference["kind"]);
            Assert.Equal(name, (string?)reference["name"]);

            var spec = Samples.Load(sample, name, cluster.RunId)["spec"]!;
            if (spec["offHours"] is null)
            {
                // Off-hours may hold capacity down at this hour; every other sample's limits pass through verbatim, as strings.
                foreach (var (resource, value) in spec["limits"]!.AsObject())
                {
                    var actual = nodePool["spec"]!["limits"]![resource];
                    Assert.True(actual?.GetValueKind() == JsonValueKind.String, $"{sample}: NodePool limit {resource} is {actual?.ToJsonString() ?? "missing"}, expected a string");
                    Assert.Equal((string?)value, (string?)actual);
                }
            }

            if (spec["tags"] is JsonObject tags)
            {
                foreach (var (key, value) in tags)
                {
                    Assert.Equal((string?)value, (string?)nodeClass["spec"]!["tags"]?[key]);
                }
            }

            var status = workloadClass["status"]!;
            Assert.Equal(name, (string?)status["nodeClassName"]);
            Assert.Equal(name, (string?)status["nodePoolName"]);
            Assert.Equal("True", ClusterFixture.Condition(workloadClass, "Validated"));
        }
    }

    [ClusterFact]
    public async Task EditedClass_UpdatesTheNodePool()
    {
        using var cts = new CancellationTokenSource(E2eEnvironment.Timeout * 3);
        var name = cluster.Name("e", "batch-spot-arm64");
        await cluster.ApplySampleAsync("batch-spot-arm64", name, cts.Token);
        await cluster.EnsureChildrenReadyAsync(name, cts.Token);
        await cluster.WaitForClassAsync(name, ClusterFixture.IsObserved, "status for the current generation", cts.Token);
        Assert.Equal("2000", (string?)(await cluster.Objects.GetAsync(Kinds.NodePool, name, cts.Token))!["spec"]!["limits"]!["cpu"]);

        var edited = await cluster.Objects.MergePatchAsync(Kinds.WorkloadClass, name,
            JsonNode.Parse("""{"spec":{"limits":{"cpu":"8","memory":null}}}""")!.AsObject(), cts.Token);

        var pool = await cluster.Objects.WaitForAsync(Kinds.NodePool, name,
            p => (string?)p?["spec"]?["limits"]?["cpu"] == "8", "spec.limits.cpu=8", E2eEnvironment.Timeout, cts.Token);
        Assert.Null(pool!["spec"]!["limits"]!["memory"]);
        var observed = await cluster.WaitForClassAsync(name, ClusterFixture.IsObserved, "status for the edited generation", cts.Token);
        Assert.Equal(edited["metadata"]!["generation"]!.GetValue<long>(), observed["status"]!["observedGeneration"]!.GetValue<long>());
    }

    [ClusterFact]
    public async Task DeletedClass_ChildrenAreGarbageCollected()
    {
        using var cts = new CancellationTokenSource(E2eEnvironment.Timeout * 3);
        var name = cluster.Name("d", "batch-spot-arm64");
        await cluster.ApplySampleAsync("batch-spot-arm64", name, cts.Token);
        await cluster.EnsureChildrenReadyAsync(name, cts.Token);

        Assert.True(await cluster.Objects.DeleteAsync(Kinds.WorkloadClass, name, cts.Token));

        await cluster.Objects.WaitForAsync(Kinds.WorkloadClass, name, o => o is null, "deleted", E2eEnvironment.Timeout, cts.Token);
        await cluster.Objects.WaitForAsync(Kinds.NodePool, name, o => o is null, "garbage-collected", E2eEnvironment.Timeout, cts.Token);
        await cluster.Objects.WaitForAsync(Kinds.NodeClass, name, o => o is null, "garbage-collected", E2eEnvironment.Timeout, cts.Token);
    }

    private static void AssertOwnedBy(JsonObject owner, JsonObject child, string sample)
    {
        var kind = (string?)child["kind"];
        var reference = Assert.Single(child["metadata"]!["ownerReferences"]!.AsArray())!;
        Assert.Equal(WorkloadClassApi.ApiVersion, (string?)reference["apiVersion"]);
        Assert.Equal(WorkloadClassApi.Kind, (string?)reference["kind"]);
        Assert.Equal((string?)owner["metadata"]!["name"], (string?)reference["name"]);
        Assert.Equal((string?)owner["metadata"]!["uid"], (string?)reference["uid"]);
        Assert.True(reference["controller"]?.GetValue<bool>(), $"{sample}: the {kind}'s owner reference must be the controller reference");

        var labels = child["metadata"]!["labels"]!;
        Assert.Equal(WorkloadClassApi.ManagedByValue, (string?)labels[WorkloadClassApi.ManagedByLabel]);
        Assert.Equal((string?)owner["metadata"]!["name"], (string?)labels[WorkloadClassApi.WorkloadClassLabel]);
    }
}
