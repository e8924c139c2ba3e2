using System.Text.Json.Nodes;
using AutoMode.Core.Desired;
using AutoMode.Core.Planning;
using AutoMode.Core.Serialization;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Testing.Builders;

namespace AutoMode.Core.Tests.Planning;

/// <summary>NodePool requirements compared as the set Karpenter reads, and the running order kept when they are the same set.</summary>
public sealed class RequirementSetTests
{
    private const string ArchAndSpot = """[{"key":"kubernetes.io/arch","operator":"In","values":["arm64","amd64"]},{"key":"karpenter.sh/capacity-type","operator":"In","values":["spot"]}]""";

    // case, left, right, the same set
    public static TheoryData<string, string, string, bool> Cases => new()
    {
        { "identical", ArchAndSpot, ArchAndSpot, true },
        { "entries in another order", ArchAndSpot,
            """[{"key":"karpenter.sh/capacity-type","operator":"In","values":["spot"]},{"key":"kubernetes.io/arch","operator":"In","values":["arm64","amd64"]}]""", true },
        { "values in another order", ArchAndSpot,
            """[{"key":"kubernetes.io/arch","operator":"In","values":["amd64","arm64"]},{"key":"karpenter.sh/capacity-type","operator":"In","values":["spot"]}]""", true },
        { "fields of an entry in another order", """[{"key":"a","operator":"Exists"}]""", """[{"operator":"Exists","key":"a"}]""", true },
        { "both empty", "[]", "[]", true },
        { "a value more", ArchAndSpot,
            """[{"key":"kubernetes.io/arch","operator":"In","values":["arm64","amd64","x"]},{"key":"karpenter.sh/capacity-type","operator":"In","values":["spot"]}]""", false },
        { "an entry less", ArchAndSpot, """[{"key":"karpenter.sh/capacity-type","operator":"In","values":["spot"]}]""", false },
        { "an entry twice is not the entry once", """[{"key":"a","operator":"Exists"},{"key":"a","operator":"Exists"}]""", """[{"key":"a","operator":"Exists"},{"key":"b","operator":"Exists"}]""", false },
        { "another operator", """[{"key":"a","operator":"In","values":["1"]}]""", """[{"key":"a","operator":"NotIn","values":["1"]}]""", false },
        { "minValues set on one side", """[{"key":"a","operator":"In","values":["1","2"]}]""", """[{"key":"a","operator":"In","values":["1","2"],"minValues":2}]""", false },
        { "a list and nothing", ArchAndSpot, "null", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Same_IgnoresOrderOnly(string reason, string left, string right, bool same)
    {
        Assert.True(same == RequirementSet.Same(JsonNode.Parse(left), JsonNode.Parse(right)), reason);
        Assert.True(same == RequirementSet.Same(JsonNode.Parse(right), JsonNode.Parse(left)), reason + " (swapped)");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InCanonicalOrder_MakesSpecsEqualExactlyWhenTheirRequirementsAreTheSameSet(string reason, string left, string right, bool same)
    {
        JsonNode Pool(string requirements) => JsonNode.Parse("""{"weight":10,"template":{"spec":{"requirements":""" + requirements + "}}}")!;

        var (a, b) = (Pool(left), Pool(right));
        var canonical = (RequirementSet.InCanonicalOrder(a), RequirementSet.InCanonicalOrder(b));

        Assert.True(same == JsonNode.DeepEquals(canonical.Item1, canonical.Item2), reason);
        Assert.Equal(Pool(left).ToJsonString(), a.ToJsonString());
    }

    [Fact]
    public void InCanonicalOrder_LeavesASpecWithoutRequirementsAsItIs()
    {
        var nodeClass = JsonNode.Parse("""{"role":"r","subnetSelectorTerms":[{"id":"b"},{"id":"a"}]}""");

        Assert.Same(nodeClass, RequirementSet.InCanonicalOrder(nodeClass));
        Assert.Null(RequirementSet.InCanonicalOrder(null));
    }

    [Fact]
    public void KeepRunningOrder_SendsTheRunningOrder_OfTheSameSet_AndChangesNothingElse()
    {
        var desired = Rendered();
        var running = Rendered();
        var requirements = running.Spec.Template.Spec.Requirements;
        running.Spec.Template.Spec.Requirements = [.. requirements.Reverse().Select(r => Reversed(r))];
        var before = Json(desired);

        var kept = RequirementSet.KeepRunningOrder(desired, running);

        Assert.NotSame(desired, kept);
        Assert.Equal(before, Json(desired));
        Assert.Equal(ManifestYaml.ToJsonNode(running)!["spec"]!["template"]!["spec"]!["requirements"]!.ToJsonString(),
            ManifestYaml.ToJsonNode(kept)!["spec"]!["template"]!["spec"]!["requirements"]!.ToJsonString());
        kept.Spec.Template.Spec.Requirements = desired.Spec.Template.Spec.Requirements;
        Assert.Equal(before, Json(kept));
    }

    [Fact]
    public void KeepRunningOrder_SendsTheRenderedList_WhenTheSetDiffersOrNothingRuns()
    {
        var desired = Rendered();
        var running = Rendered();
        running.Spec.Template.Spec.Requirements = [.. running.Spec.Template.Spec.Requirements.Skip(1).Reverse()];

        Assert.Same(desired, RequirementSet.KeepRunningOrder(desired, running));
        Assert.Same(desired, RequirementSet.KeepRunningOrder(desired, null));
        Assert.Same(desired, RequirementSet.KeepRunningOrder(desired, Rendered()));
    }

    private static V1NodePool Rendered()
    {
        var workloadClass = WorkloadClasses.Minimal("web", s => s.Instances = new() { Architectures = ["amd64", "arm64"], CapacityTypes = ["spot"], Categories = ["c", "m"] },
            uid: "0b5d1f5e-1111-2222-3333-444455556666");
        var pool = DesiredStateRenderer.Render(workloadClass, RenderContext.Default).NodePool;
        Assert.True(pool.Spec.Template.Spec.Requirements.Count >= 3);
        return pool;
    }

    private static V1NodeSelectorRequirement Reversed(V1NodeSelectorRequirement r) =>
        new() { Key = r.Key, Operator = r.Operator, Values = r.Values?.Reverse().ToList(), MinValues = r.MinValues };

    private static string Json(object value) => ManifestYaml.ToJsonNode(value)!.ToJsonString();
}
