using System.Text.Json.Nodes;
using AutoMode.Core.Planning;

namespace AutoMode.Core.Tests.Planning;

/// <summary>The field-by-field difference a class reports before it adopts a running object, and its digest.</summary>
public sealed class AdoptionDiffTests
{
    // case, running spec, rendered spec, expected differences ("path: running -> rendered", or "path: running (kept)")
    public static TheoryData<string, string, string, string[]> Cases => new()
    {
        { "identical", """{"weight":10,"limits":{"cpu":"100"}}""", """{"limits":{"cpu":"100"},"weight":10}""", [] },
        { "a value changes", """{"weight":10}""", """{"weight":20}""", ["spec.weight: 10 -> 20"] },
        { "a rendered field is missing", """{}""", """{"weight":20}""", ["spec.weight: (absent) -> 20"] },
        { "a field the class does not render is kept", """{"weight":10,"limits":{"cpu":"100","memory":"64Gi"}}""", """{"weight":10,"limits":{"cpu":"100"}}""",
            ["spec.limits.memory: \"64Gi\" (kept)"] },
        { "nested objects are walked", """{"template":{"spec":{"expireAfter":"720h"}}}""", """{"template":{"spec":{"expireAfter":"336h"}}}""",
            ["spec.template.spec.expireAfter: \"720h\" -> \"336h\""] },
        { "map keys with dots or slashes are quoted", """{"limits":{"nvidia.com/gpu":"4"}}""", """{"limits":{"nvidia.com/gpu":"8"}}""",
            ["spec.limits[\"nvidia.com/gpu\"]: \"4\" -> \"8\""] },
        { "lists are compared whole, order included (they are atomic: the apply replaces them)",
            """{"template":{"spec":{"taints":[{"key":"a"},{"key":"b"}]}}}""", """{"template":{"spec":{"taints":[{"key":"b"},{"key":"a"}]}}}""",
            ["spec.template.spec.taints: [{\"key\":\"a\"},{\"key\":\"b\"}] -> [{\"key\":\"b\"},{\"key\":\"a\"}]"] },
        { "requirements are a set: entries and values in another order are no difference",
            """{"template":{"spec":{"requirements":[{"key":"a","operator":"In","values":["x","y"]},{"key":"b","operator":"Exists"}]}}}""",
            """{"template":{"spec":{"requirements":[{"operator":"Exists","key":"b"},{"key":"a","operator":"In","values":["y","x"]}]}}}""", [] },
        { "requirements that differ as a set are listed whole",
            """{"template":{"spec":{"requirements":[{"key":"a","operator":"In","values":["x"]},{"key":"b","operator":"Exists"}]}}}""",
            """{"template":{"spec":{"requirements":[{"key":"b","operator":"Exists"},{"key":"a","operator":"In","values":["y"]}]}}}""",
            ["spec.template.spec.requirements: [{\"key\":\"a\",\"operator\":\"In\",\"values\":[\"x\"]},{\"key\":\"b\",\"operator\":\"Exists\"}] -> " +
             "[{\"key\":\"b\",\"operator\":\"Exists\"},{\"key\":\"a\",\"operator\":\"In\",\"values\":[\"y\"]}]"] },
        { "an object where a value was", """{"disruption":"x"}""", """{"disruption":{"consolidateAfter":"0s"}}""",
            ["spec.disruption: \"x\" -> {\"consolidateAfter\":\"0s\"}"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compare_ListsEveryFieldThatDiffers(string reason, string running, string rendered, string[] expected)
    {
        var differences = AdoptionDiff.Compare("NodePool", "web", JsonNode.Parse(running), JsonNode.Parse(rendered));

        var shown = differences.Select(d => d.Kept ? $"{d.Path}: {d.Live!.ToJsonString()} (kept)" : $"{d.Path}: {Show(d.Live)} -> {Show(d.Rendered)}");
        Assert.True(expected.SequenceEqual(shown), $"{reason}: {string.Join(" | ", shown)}");
    }

    // kind, path, running, rendered, replaces nodes
    [Theory]
    [InlineData("NodePool", "spec.limits.cpu", "\"100\"", "\"200\"", false)]
    [InlineData("NodePool", "spec.weight", "10", "20", false)]
    [InlineData("NodePool", "spec.disruption.consolidateAfter", "\"0s\"", "\"5m\"", false)]
    [InlineData("NodePool", "spec.template.metadata.labels", "{\"a\":\"1\"}", "{\"a\":\"2\"}", true)]
    [InlineData("NodePool", "spec.template.spec.taints", "[]", "[{\"key\":\"k\",\"effect\":\"NoSchedule\"}]", true)]
    [InlineData("NodePool", "spec.template.spec.requirements",
        "[{\"key\":\"a\",\"operator\":\"In\",\"values\":[\"x\"]}]", "[{\"key\":\"a\",\"operator\":\"In\",\"values\":[\"y\"]}]", true)]
    [InlineData("NodeClass", "spec.ephemeralStorage.size", "\"80Gi\"", "\"100Gi\"", true)]
    public void ReplacesNodes_OnlyForWhatDriftsNodes(string kind, string path, string running, string rendered, bool replaces)
    {
        var difference = new AdoptionDifference(kind, "web", path, JsonNode.Parse(running), JsonNode.Parse(rendered));

        Assert.Equal(replaces, difference.ReplacesNodes);
        Assert.Equal(!replaces, difference.ToString().EndsWith(" (replaces no node)", StringComparison.Ordinal));
    }

    [Fact]
    public void Digest_IsStable_IgnoresKeptFieldsAndOrder_AndChangesWithAnyChange()
    {
        var weight = new AdoptionDifference("NodePool", "web", "spec.weight", JsonValue.Create(10), JsonValue.Create(20));
        var expire = new AdoptionDifference("NodePool", "web", "spec.template.spec.expireAfter", JsonValue.Create("720h"), JsonValue.Create("336h"));
        var kept = new AdoptionDifference("NodePool", "web", "spec.limits.memory", JsonValue.Create("64Gi"), null);

        var digest = AdoptionDiff.Digest([weight, expire]);

        Assert.Equal(AdoptionDiff.DigestLength, digest.Length);
        Assert.Matches("^[0-9a-f]+$", digest);
        Assert.Equal(digest, AdoptionDiff.Digest([expire, kept, weight]));
        Assert.NotEqual(digest, AdoptionDiff.Digest([weight]));
        Assert.NotEqual(digest, AdoptionDiff.Digest([weight with { Rendered = JsonValue.Create(30) }, expire]));
        Assert.NotEqual(digest, AdoptionDiff.Digest([weight with { Kind = "NodeClass" }, expire]));
    }

    [Fact]
    public void Difference_ReadsAsRunningToRendered()
    {
        Assert.Equal("NodePool web spec.weight: 10 -> 20 (replaces no node)", new AdoptionDifference("NodePool", "web", "spec.weight", JsonValue.Create(10), JsonValue.Create(20)).ToString());
        Assert.Equal("NodeClass web spec.role: (absent) -> \"r\"", new AdoptionDifference("NodeClass", "web", "spec.role", null, JsonValue.Create("r")).ToString());
    }

    private static string Show(JsonNode? node) => node is null ? "(absent)" : node.ToJsonString();
}
