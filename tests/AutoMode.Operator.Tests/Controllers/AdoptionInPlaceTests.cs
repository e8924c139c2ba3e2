using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Import;
using AutoMode.Core.Planning;
using AutoMode.Core.Serialization;
using AutoMode.Core.Status;

namespace AutoMode.Operator.Tests.Controllers;

/// <summary>
/// A pool as teams really write it, adopted without replacing a node (issue 16): no automode.io/workload-class node
/// label in its template (import sets spec.labelNodes: false) and its requirements in an order of its own, values
/// unsorted (compared as a set, applied in the running order). The adoption makes exactly the ownership writes, the
/// stored specs stay byte for byte, generations do not move, and later reconciles, also after a restart, write nothing.
/// </summary>
public sealed class AdoptionInPlaceTests
{
    private const string NodePools = "nodepools";
    private const string NodeClasses = "nodeclasses";

    private const string HandWritten = """
        apiVersion: eks.amazonaws.com/v1
        kind: NodeClass
        metadata: {name: etl}
        spec:
          role: AmazonEKSAutoNodeRole
          subnetSelectorTerms: [{tags: {Tier: private}}]
          securityGroupSelectorTerms: [{id: sg-0123456789abcdef0}]
        ---
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: etl}
        spec:
          limits: {cpu: "200"}
          template:
            metadata:
              labels: {team: data}
            spec:
              nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: etl}
              requirements:
                - {key: eks.amazonaws.com/instance-category, operator: In, values: [r, m, c]}
                - {key: eks.amazonaws.com/instance-hypervisor, operator: In, values: [nitro]}
                - {key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}
                - {key: eks.amazonaws.com/instance-generation, operator: Gt, values: ["5"]}
                - {key: kubernetes.io/arch, operator: In, values: [arm64]}
        """;

    [Fact]
    public async Task HandWrittenPool_WithoutTheLabel_InItsOwnOrder_IsAdoptedWithOnlyOwnershipWrites()
    {
        await using var h = await OperatorHarness.StartAsync();
        foreach (var document in YamlJsonReader.ParseAll(HandWritten))
        {
            h.Server.Put(document!);
        }

        var before = (Spec(h, NodeClasses), Spec(h, NodePools));
        var generations = (Generation(h, NodeClasses), Generation(h, NodePools));
        var workloadClass = Import();
        Assert.False(workloadClass.Spec.LabelNodes);

        h.Apply(workloadClass);

        await h.WaitForConditionAsync("etl", "Ready", "True");
        await h.SettleAsync("etl");
        Assert.Equal(("True", ConditionReasons.Adopted), (Condition(h, "Adopted"), Condition(h, "Adopted", "reason")));
        Assert.Equal(2, h.Server.List("events").Count(e => (string?)e["involvedObject"]?["name"] == "etl" && (string?)e["reason"] == EventReasons.Adopted));
        Assert.DoesNotContain(h.Server.List("events"), e => (string?)e["reason"] == EventReasons.AdoptionPendingConfirmation);
        Assert.Equal(before, (Spec(h, NodeClasses), Spec(h, NodePools)));
        Assert.Equal(generations, (Generation(h, NodeClasses), Generation(h, NodePools)));
        Assert.Null(h.Get(NodePools, "etl")!["spec"]!["template"]!["metadata"]!["labels"]![WorkloadClassApi.WorkloadClassLabel]);
        foreach (var plural in new[] { NodeClasses, NodePools })
        {
            var write = Assert.Single(h.Server.Requests, r => r.IsWrite && r.Plural == plural);
            Assert.Equal(("patch", WorkloadClassApi.FieldManager), (write.Verb, write.FieldManager));
            Assert.Equal((string?)h.Get(WorkloadClassApi.Plural, "etl")!["metadata"]!["uid"], (string?)h.Get(plural, "etl")!["metadata"]!["ownerReferences"]![0]!["uid"]);
        }

        // A restarted process has no record of its last apply: it compares with what runs, as a set, and writes nothing.
        await h.StopOperatorAsync();
        await h.StartOperatorAsync();
        await h.SettleAsync("etl");
        Assert.Equal(2, h.Server.Requests.Count(r => r.IsWrite && r.Plural is NodePools or NodeClasses));
        Assert.Equal(before, (Spec(h, NodeClasses), Spec(h, NodePools)));
    }

    [Fact]
    public async Task AReorderOfAnAdoptedPool_IsNoDifference_AndAChangeKeepsTheRunningOrder()
    {
        await using var h = await OperatorHarness.StartAsync();
        foreach (var document in YamlJsonReader.ParseAll(HandWritten))
        {
            h.Server.Put(document!);
        }

        var workloadClass = Import();
        h.Apply(workloadClass);
        await h.WaitForConditionAsync("etl", "Ready", "True");
        await h.SettleAsync("etl");

        // Someone reorders the requirements (kubectl edit, another tool): the same set, so nothing to put back.
        var pool = h.Get(NodePools, "etl")!;
        var requirements = pool["spec"]!["template"]!["spec"]!["requirements"]!.AsArray();
        pool["spec"]!["template"]!["spec"]!["requirements"] = new JsonArray([.. requirements.Reverse().Select(r => r!.DeepClone())]);
        pool.Remove("status");
        h.Server.Put(pool);
        var reordered = Requirements(h);
        var writes = h.Server.Requests.Count(r => r.IsWrite && r.Plural == NodePools);
        await h.SettleAsync("etl");
        Assert.Equal(writes, h.Server.Requests.Count(r => r.IsWrite && r.Plural == NodePools));

        // A real change is applied, with the requirements in the order they run.
        workloadClass.Spec.Weight = 30;
        h.Apply(workloadClass);
        await h.WaitForAsync(() => (int?)h.Get(NodePools, "etl")!["spec"]!["weight"] == 30);
        await h.SettleAsync("etl");
        Assert.Equal(reordered, Requirements(h));
    }

    private static V1Alpha1WorkloadClass Import()
    {
        var result = WorkloadClassImporter.Import(YamlJsonReader.ParseAll(HandWritten).Select(n => new ImportInput("test", n)));
        Assert.Empty(result.Errors);
        Assert.False(result.IsLossy, string.Join("; ", result.Notes));
        var workloadClass = Assert.Single(result.Classes);
        workloadClass.Metadata.Annotations = new Dictionary<string, string> { [AdoptionAnnotations.Adopt] = "true" };
        return workloadClass;
    }

    private static string Spec(OperatorHarness h, string plural) => h.Get(plural, "etl")!["spec"]!.ToJsonString();

    private static string Requirements(OperatorHarness h) => h.Get(NodePools, "etl")!["spec"]!["template"]!["spec"]!["requirements"]!.ToJsonString();

    private static long? Generation(OperatorHarness h, string plural) => (long?)h.Get(plural, "etl")!["metadata"]!["generation"];

    private static string? Condition(OperatorHarness h, string type, string field = "status") =>
        OperatorHarness.Condition(h.Get(WorkloadClassApi.Plural, "etl"), type, field);
}
