using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Serialization;
using AutoMode.Testing.Schemas;
using k8s;

namespace AutoMode.Core.Tests.Validation;

/// <summary>Reads config/samples: YAML -> JSON (API-server typing) -> V1Alpha1WorkloadClass.</summary>
internal static class Samples
{
    public static string ValidDirectory => RepositoryPaths.Combine("config", "samples");

    public static string InvalidDirectory => RepositoryPaths.Combine("config", "samples", "invalid");

    public static IEnumerable<string> ValidFiles => Directory.EnumerateFiles(ValidDirectory, "*.yaml").Order(StringComparer.Ordinal);

    public static IEnumerable<string> InvalidFiles => Directory.EnumerateFiles(InvalidDirectory, "*.yaml").Order(StringComparer.Ordinal);

    public static TheoryData<string> ValidNames() => [.. ValidFiles.Select(Path.GetFileName).OfType<string>()];

    public static TheoryData<string> InvalidNames() => [.. InvalidFiles.Select(Path.GetFileName).OfType<string>()];

    public static JsonNode Json(string path) =>
        YamlJsonReader.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty");

    public static V1Alpha1WorkloadClass Load(string path) => FromJson(Json(path));

    public static V1Alpha1WorkloadClass FromJson(JsonNode node) =>
        KubernetesJson.Deserialize<V1Alpha1WorkloadClass>(node.ToJsonString());

    /// <summary>The path after "# expect:" on the file's first line.</summary>
    public static string ExpectedPath(string path)
    {
        var first = File.ReadLines(path).First();
        const string marker = "# expect:";
        return first.StartsWith(marker, StringComparison.Ordinal)
            ? first[marker.Length..].Trim()
            : throw new InvalidDataException($"{path} must start with '{marker} <field path>'");
    }
}
