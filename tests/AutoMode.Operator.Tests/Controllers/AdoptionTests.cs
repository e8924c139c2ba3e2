using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Import;
using AutoMode.Core.Planning;
using AutoMode.Core.Serialization;
using AutoMode.Core.Status;
using AutoMode.Testing.Builders;

namespace AutoMode.Operator.Tests.Controllers;

/// <summary>
/// In-place adoption end to end (README "Migrating existing NodePools"): a class annotated automode.io/adopt takes
/// over the unowned NodeClass/NodePool of its name with metadata-only writes when they match, reports the
/// differences and writes nothing until the user confirms when they do not, never touches a built-in or an object of
/// another controller, and owns what it adopted like anything it created (garbage collection deletes it with the class).
/// </summary>
public sealed partial class AdoptionTests
{
    private const string Classes = WorkloadClassApi.Plural;
    private const string NodePools = "nodepools";
    private const string NodeClasses = "nodeclasses";

    /// <summary>
    /// A hand-written pair as a team runs it, applied with kubectl, written as the class renders it: the pool template
    /// already labels nodes by class (a pool without the label, in its own requirement order: AdoptionInPlaceTests).
    /// </summary>
    private const string HandWritten = """
        apiVersion: eks.amazonaws.com/v1
        kind: NodeClass
        metadata: {name: batch, labels: {team: data}}
        spec:
          role: AmazonEKSAutoNodeRole
          subnetSelectorTerms: [{tags: {Tier: private}}]
          securityGroupSelectorTerms: [{id: sg-0123456789abcdef0}]
        ---
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: batch, labels: {team: data}}
        spec:
          limits: {cpu: "100"}
          template:
            metadata:
              labels: {automode.io/workload-class: batch}
            spec:
              nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: batch}
              requirements:
                - {key: kubernetes.io/arch, operator: In, values: [arm64]}
                - {key: karpenter.sh/capacity-type, operator: In, values: [spot]}
                - {key: eks.amazonaws.com/instance-category, operator: In, values: [c, m]}
        """;

    [Fact]
    public async Task WithoutTheAnnotation_AnUnownedPairStaysAConflict_ThatSaysItCanBeAdopted()
    {
        await using var h = await OperatorHarness.StartAsync();
        PutAll(h, HandWritten);

        h.Apply(Import(HandWritten, adopt: false));

        await h.WaitForConditionAsync("batch", "Conflict", "True");
        await h.SettleAsync("batch");
        Assert.Contains($"annotate the class {AdoptionAnnotations.Adopt}=true to adopt it", Condition(h, "batch", "Conflict", "message"), StringComparison.Ordinal);
        Assert.Null(Condition(h, "batch", "Adopted"));
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite && r.Plural is NodePools or NodeClasses);
        Assert.Null(h.Get(NodePools, "batch")!["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task ImportedPair_IsAdoptedWithOnlyOwnershipWrites_ThenDeletedWithTheClass()
    {
        await using var h = await OperatorHarness.StartAsync();
        PutAll(h, HandWritten);
        var before = (Spec(h, NodeClasses, "batch"), Spec(h, NodePools, "batch"));
        var generations = (Generation(h, NodeClasses, "batch"), Generation(h, NodePools, "batch"));

        h.Apply(Import(HandWritten, adopt: true));

        await h.WaitForConditionAsync("batch", "Ready", "True");
        await h.SettleAsync("batch");
        Assert.Equal(("True", ConditionReasons.Adopted), (Condition(h, "batch", "Adopted"), Condition(h, "batch", "Adopted", "reason")));
        Assert.Equal(before, (Spec(h, NodeClasses, "batch"), Spec(h, NodePools, "batch")));
        Assert.Equal(generations, (Generation(h, NodeClasses, "batch"), Generation(h, NodePools, "batch")));
        var uid = (string)h.Get(Classes, "batch")!["metadata"]!["uid"]!;
        foreach (var plural in new[] { NodeClasses, NodePools })
        {
            // Exactly one write per child: the ownership apply of the operator's field manager.
            var write = Assert.Single(h.Server.Requests, r => r.IsWrite && r.Plural == plural);
            Assert.Equal(("patch", WorkloadClassApi.FieldManager), (write.Verb, write.FieldManager));
            Assert.StartsWith("application/apply-patch", write.ContentType, StringComparison.Ordinal);
            var metadata = h.Get(plural, "batch")!["metadata"]!;
            var owner = Assert.Single(metadata["ownerReferences"]!.AsArray())!;
            Assert.Equal((uid, true, true), ((string)owner["uid"]!, (bool)owner["controller"]!, (bool)owner["blockOwnerDeletion"]!));
            Assert.Equal(("batch", WorkloadClassApi.ManagedByValue, "data"), (
                (string?)metadata["labels"]![WorkloadClassApi.WorkloadClassLabel], (string?)metadata["labels"]![WorkloadClassApi.ManagedByLabel], (string?)metadata["labels"]!["team"]));
        }

        Assert.Single(Events(h, "batch", EventReasons.Adopted), e => ((string)e["message"]!).Contains("NodePool", StringComparison.Ordinal));

        h.Server.Delete(Classes, "batch");

        // Adopted children are the class's like generated ones: the garbage collector deletes them, never the operator.
        await h.WaitForAsync(() => h.Get(NodePools, "batch") is null && h.Get(NodeClasses, "batch") is null);
        Assert.DoesNotContain(h.Server.Requests, r => r.Verb == "delete" && r.Plural is NodePools or NodeClasses);
    }

    [Fact]
    public async Task OrphanedChildren_AreAdoptedBackByANewClass_WithoutASpecChange()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        h.Server.State.DeleteWithPropagation(Classes, "web", "Orphan");
        await h.WaitForAsync(() => h.Get(Classes, "web") is null && h.Get(NodePools, "web")?["metadata"]?["ownerReferences"] is null);
        var before = (Spec(h, NodeClasses, "web"), Spec(h, NodePools, "web"));
        var writes = h.Server.Requests.Count(r => r.IsWrite && r.Plural is NodePools or NodeClasses);

        h.Apply(Adopt(WorkloadClasses.Valid("web")));

        await h.WaitForConditionAsync("web", "Adopted", "True");
        await h.WaitForConditionAsync("web", "Ready", "True");
        await h.SettleAsync("web");
        Assert.Equal(before, (Spec(h, NodeClasses, "web"), Spec(h, NodePools, "web")));
        Assert.Equal(writes + 2, h.Server.Requests.Count(r => r.IsWrite && r.Plural is NodePools or NodeClasses));
        Assert.Equal((string?)h.Get(Classes, "web")!["metadata"]!["uid"], (string?)h.Get(NodePools, "web")!["metadata"]!["ownerReferences"]![0]!["uid"]);
    }

    [Fact]
    public async Task DifferingPair_IsReportedFieldByField_AndChangedOnlyOnceConfirmed()
    {
        await using var h = await OperatorHarness.StartAsync();
        PutAll(h, HandWritten);
        var before = Spec(h, NodePools, "batch");
        var workloadClass = Import(HandWritten, adopt: true);
        workloadClass.Spec.Weight = 50;
        workloadClass.Spec.Limits!["cpu"] = "200";

        h.Apply(workloadClass);

        await h.WaitForConditionAsync("batch", "Adopted", "False");
        await h.WaitForAsync(() => Events(h, "batch", EventReasons.AdoptionPendingConfirmation).Count > 0);
        await h.SettleAsync("batch");
        var message = Condition(h, "batch", "Adopted", "message")!;
        Assert.Equal(ConditionReasons.AdoptionPendingConfirmation, Condition(h, "batch", "Adopted", "reason"));
        Assert.Contains("NodePool batch spec.limits.cpu: \"100\" -> \"200\"", message, StringComparison.Ordinal);
        Assert.Contains("NodePool batch spec.weight: (absent) -> 50", message, StringComparison.Ordinal);
        Assert.Contains("None of these changes replaces a node.", message, StringComparison.Ordinal);
        Assert.Equal(("False", ConditionReasons.AdoptionPendingConfirmation), (Condition(h, "batch", "Ready"), Condition(h, "batch", "Ready", "reason")));
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite && r.Plural is NodePools or NodeClasses);
        Assert.Equal(before, Spec(h, NodePools, "batch"));
        var announced = Assert.Single(Events(h, "batch", EventReasons.AdoptionPendingConfirmation));
        Assert.Equal(message, (string?)announced["message"]);

        // A confirmation of other differences than those shown changes nothing.
        workloadClass.Metadata.Annotations[AdoptionAnnotations.Confirm] = "0123456789ab";
        h.Apply(workloadClass);
        await h.WaitForCacheAsync("batch");
        await h.SettleAsync("batch");
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite && r.Plural is NodePools or NodeClasses);

        workloadClass.Metadata.Annotations[AdoptionAnnotations.Confirm] = DigestIn(message);
        h.Apply(workloadClass);

        await h.WaitForConditionAsync("batch", "Adopted", "True");
        await h.WaitForConditionAsync("batch", "Ready", "True");
        var pool = h.Get(NodePools, "batch")!;
        Assert.Equal(("200", 50), ((string?)pool["spec"]!["limits"]!["cpu"], (int?)pool["spec"]!["weight"]));
        Assert.Equal((string?)h.Get(Classes, "batch")!["metadata"]!["uid"], (string?)pool["metadata"]!["ownerReferences"]![0]!["uid"]);
    }

    [Fact]
    public async Task ObjectOfAnotherController_IsNeverAdopted_NorItsUnownedPartner()
    {
        await using var h = await OperatorHarness.StartAsync();
        PutAll(h, HandWritten);
        var pool = h.Get(NodePools, "batch")!;
        pool["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "example.com/v1",
            ["kind"] = "PoolSet",
            ["name"] = "pools",
            ["uid"] = "a7c6e0f2-0000-4000-8000-000000000001",
            ["controller"] = true,
        });
        pool.Remove("status");
        h.Server.Put(pool);
        var versions = (Version(h, NodeClasses, "batch"), Version(h, NodePools, "batch"));

        h.Apply(Import(HandWritten, adopt: true));

        await h.WaitForConditionAsync("batch", "Conflict", "True");
        await h.SettleAsync("batch");
        Assert.Equal(("False", ConditionReasons.NotAdoptable), (Condition(h, "batch", "Adopted"), Condition(h, "batch", "Adopted", "reason")));
        Assert.Contains("controlled by PoolSet pools", Condition(h, "batch", "Adopted", "message"), StringComparison.Ordinal);
        Assert.Equal(versions, (Version(h, NodeClasses, "batch"), Version(h, NodePools, "batch")));
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite && r.Plural is NodePools or NodeClasses);
    }

    [Theory]
    [InlineData("system", NodePools)]
    [InlineData("general-purpose", NodePools)]
    [InlineData("default", NodeClasses)]
    public async Task BuiltIns_AreNeverAdopted(string name, string plural)
    {
        await using var h = await OperatorHarness.StartAsync();
        var builtIn = PutAll(h, HandWritten.Replace("batch", name, StringComparison.Ordinal)).Single(o => Plural(o) == plural);
        var version = Version(h, plural, name);
        var workloadClass = Adopt(WorkloadClasses.Valid(name));

        // The CRD refuses the name (CEL); were a class of that name stored anyway (an API server without the CRD's
        // rules), validation stops it before any apply.
        Assert.NotNull(Record.Exception(() => h.Apply(workloadClass)));
        Assert.True(h.Server.State.Cel.Remove(WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural));
        h.Apply(workloadClass);
        await h.WaitForConditionAsync(name, "Validated", "False");
        await h.SettleAsync(name);

        Assert.Equal(version, Version(h, plural, name));
        Assert.Null(h.Get(plural, name)!["metadata"]!["ownerReferences"]);
        Assert.Null(Condition(h, name, "Adopted"));
        Assert.DoesNotContain(h.Server.Requests, r => r.IsWrite && r.Plural is NodePools or NodeClasses);
        Assert.NotNull(builtIn);
    }

    private static V1Alpha1WorkloadClass Import(string yaml, bool adopt)
    {
        var result = WorkloadClassImporter.Import(YamlJsonReader.ParseAll(yaml).Select(n => new ImportInput("test", n)));
        Assert.Empty(result.Errors);
        var workloadClass = Assert.Single(result.Classes);
        return adopt ? Adopt(workloadClass) : workloadClass;
    }

    private static V1Alpha1WorkloadClass Adopt(V1Alpha1WorkloadClass workloadClass)
    {
        workloadClass.Metadata.Annotations = new Dictionary<string, string> { [AdoptionAnnotations.Adopt] = "true" };
        return workloadClass;
    }

    private static List<JsonObject> PutAll(OperatorHarness h, string yaml) =>
        [.. YamlJsonReader.ParseAll(yaml).Select(document => h.Server.Put(document!))];

    private static string Plural(JsonObject obj) => (string?)obj["kind"] == "NodePool" ? NodePools : NodeClasses;

    private static string Spec(OperatorHarness h, string plural, string name) => h.Get(plural, name)!["spec"]!.ToJsonString();

    private static long? Generation(OperatorHarness h, string plural, string name) => (long?)h.Get(plural, name)!["metadata"]!["generation"];

    private static string? Version(OperatorHarness h, string plural, string name) => (string?)h.Get(plural, name)!["metadata"]!["resourceVersion"];

    private static string? Condition(OperatorHarness h, string name, string type, string field = "status") =>
        OperatorHarness.Condition(h.Get(Classes, name), type, field);

    private static List<JsonObject> Events(OperatorHarness h, string name, string reason) =>
        [.. h.Server.List("events").Where(e => (string?)e["involvedObject"]?["name"] == name && (string?)e["reason"] == reason)];

    private static string DigestIn(string message) => ConfirmDigest().Match(message).Groups["digest"].Value;

    [GeneratedRegex(@"automode\.io/adopt-confirm=(?<digest>[0-9a-f]{12})")]
    private static partial Regex ConfirmDigest();
}
