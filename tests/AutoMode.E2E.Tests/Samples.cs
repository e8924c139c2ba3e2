using System.Text.Json.Nodes;
using AutoMode.Core.Serialization;
using AutoMode.Testing.Schemas;

namespace AutoMode.E2E.Tests;

/// <summary>
/// The WorkloadClass samples in config/samples, as the cluster receives them. WorkloadClasses and their children are
/// cluster-scoped, so each run gives its copies a unique name and the <see cref="RunLabel"/> it cleans up by.
/// </summary>
internal static class Samples
{
    public const string RunLabel = "e2e-run";

    /// <summary>Sample names (file names without .yaml), e.g. web-on-demand; the invalid/ folder is not included.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Directory.EnumerateFiles(RepositoryPaths.Combine("config", "samples"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    /// <summary>The sample as JSON, renamed to <paramref name="name"/> and labelled with the run id.</summary>
    public static JsonObject Load(string sample, string name, string runId)
    {
        var path = RepositoryPaths.Combine("config", "samples", sample + ".yaml");
        var obj = YamlJsonReader.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a YAML mapping");
        var metadata = (JsonObject)obj["metadata"]!;
        metadata["name"] = name;
        if (metadata["labels"] is not JsonObject labels)
        {
            metadata["labels"] = labels = new JsonObject();
        }

        labels[RunLabel] = runId;
        return obj;
    }
}
