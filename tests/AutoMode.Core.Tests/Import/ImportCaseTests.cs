using System.Text.Json.Nodes;
using AutoMode.Core.Desired;
using AutoMode.Core.Import;
using AutoMode.Core.Serialization;
using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Import;

/// <summary>
/// Hand-written NodeClass/NodePool pairs in Cases/*.yaml. Each file says in its leading comments what must come out:
/// "# lossy: &lt;object&gt;: &lt;path&gt;" for every lossy note expected (none: the import is exact), and
/// "# class &lt;name&gt; &lt;path&gt; = &lt;json&gt;" for a field of an imported class (plain words where expected).
/// Whatever the notes, every imported class rendered back must equal its input on the owned fields, except where a
/// lossy note says otherwise.
/// </summary>
public sealed class ImportCaseTests
{
    private static string CasesDirectory => RepositoryPaths.Combine("tests", "AutoMode.Core.Tests", "Import", "Cases");

    public static TheoryData<string> CaseNames() => [.. Names()];

    [Fact]
    public void Cases_AtLeastTwentyExact()
    {
        var exact = Names().Count(c => !Comments(c).Any(l => l.StartsWith("lossy:", StringComparison.Ordinal)));
        Assert.True(exact >= 20, $"only {exact} exact round-trip cases in {CasesDirectory}");
    }

    private static List<string> Names() =>
        [.. Directory.EnumerateFiles(CasesDirectory, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_ImportsWithTheExpectedNotes_AndRendersBackToItsInput(string caseName)
    {
        var documents = YamlJsonReader.ParseAll(File.ReadAllText(Path.Combine(CasesDirectory, caseName)));
        var result = WorkloadClassImporter.Import(documents.Select(d => new ImportInput("input", d)));

        Assert.Empty(result.Errors);
        var expectedLossy = Comments(caseName).Where(l => l.StartsWith("lossy:", StringComparison.Ordinal)).Select(l => l["lossy:".Length..].Trim()).Order(StringComparer.Ordinal);
        var actualLossy = result.Notes.Where(n => n.Lossy).Select(n => n.Path.Length == 0 ? n.Source : $"{n.Source}: {n.Path}").Order(StringComparer.Ordinal);
        Assert.Equal(expectedLossy, actualLossy);

        foreach (var line in Comments(caseName).Where(l => l.StartsWith("class ", StringComparison.Ordinal)))
        {
            var (name, path, expected) = ParseClassLine(line);
            var imported = Assert.Single(result.Classes, c => c.Metadata.Name == name);
            var actual = At(ManifestYaml.ToJsonNode(imported), path);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"{name} {path}: expected {expected}, got {actual?.ToJsonString() ?? "null"}");
        }

        var lossyPaths = result.Notes.Where(n => n.Lossy).Select(n => n.Path).ToList();
        foreach (var imported in result.Classes)
        {
            AssertRendersBack(documents, imported.Metadata.Name, DesiredStateRenderer.Render(imported, RenderContext.Default), lossyPaths);
        }
    }

    /// <summary>The rendered spec equals the input's on the owned fields, apart from fields a lossy note names.</summary>
    private static void AssertRendersBack(IReadOnlyList<JsonNode?> documents, string name, DesiredState rendered, List<string> lossyPaths)
    {
        var nodePool = documents.Single(d => (string?)d?["kind"] == "NodePool" && (string?)d?["metadata"]?["name"] == name)!;
        var nodeClassName = (string?)nodePool["spec"]?["template"]?["spec"]?["nodeClassRef"]?["name"];
        var nodeClass = documents.Single(d => (string?)d?["kind"] == "NodeClass" && (string?)d?["metadata"]?["name"] == nodeClassName)!;
        var limits = nodePool["spec"]?["limits"] as JsonObject;
        var differences = OwnedFields.Differences(OwnedFields.NodeClassSpec(nodeClass["spec"]), OwnedFields.NodeClassSpec(ManifestYaml.ToJsonNode(rendered.NodeClass)?["spec"]), "spec")
            .Concat(OwnedFields.Differences(OwnedFields.NodePoolSpec(nodePool["spec"], name), OwnedFields.NodePoolSpec(ManifestYaml.ToJsonNode(rendered.NodePool)?["spec"], name), "spec"))
            .Where(d => !lossyPaths.Contains(d.Path))
            .ToList();
        Assert.True(differences.Count == 0, $"{name}: " + string.Join("; ", differences.Select(d => $"{d.Path}: {d.Input?.ToJsonString()} != {d.Rendered?.ToJsonString()}")));
        Assert.Equal(name, rendered.NodePool.Spec.Template.Spec.NodeClassRef.Name);
        Assert.True(limits is null || limits.Count == (rendered.NodePool.Spec.Limits?.Count ?? 0) || lossyPaths.Any(p => p.StartsWith("spec.limits", StringComparison.Ordinal)));
    }

    private static IEnumerable<string> Comments(string caseName) =>
        File.ReadLines(Path.Combine(CasesDirectory, caseName)).TakeWhile(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim());

    private static (string Name, string Path, string Json) ParseClassLine(string line)
    {
        var parts = line.Split(' ', 3);
        var (path, json) = (parts[2][..parts[2].IndexOf(" = ", StringComparison.Ordinal)], parts[2][(parts[2].IndexOf(" = ", StringComparison.Ordinal) + 3)..]);
        return (parts[1], path, json);
    }

    /// <summary>spec.a.b[0].c in a JSON document.</summary>
    private static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            node = bracket < 0 ? node?[segment] : node?[segment[..bracket]]?[int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
        }

        return node;
    }
}
