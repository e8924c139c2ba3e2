using System.Text.Json;
using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Serialization;

/// <summary>
/// Reads WorkloadClasses from YAML text (one or more documents). Never throws on any text: every problem becomes
/// an error on its document (not YAML, not a mapping, another kind, unknown fields, wrong value types).
/// Empty documents are skipped.
/// </summary>
public static class WorkloadClassDocuments
{
    public static IReadOnlyList<WorkloadClassDocument> Parse(string yamlText, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        var results = new List<WorkloadClassDocument>();
        var position = 0;
        foreach (var (node, readError) in YamlJsonReader.ReadDocuments(yamlText ?? ""))
        {
            position++;
            if (readError is not null)
            {
                results.Add(new WorkloadClassDocument(sourceName, position, null, [readError]));
                continue;
            }

            if (node is null)
            {
                continue;
            }

            results.Add(ParseDocument(node, sourceName, position));
        }

        return results;
    }

    /// <summary>Reads one already-parsed JSON document (e.g. from the API server or a test) with the same checks.</summary>
    public static WorkloadClassDocument FromJsonNode(JsonNode? node, string sourceName, int position = 1)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        return node is null
            ? new WorkloadClassDocument(sourceName, position, null, ["the document is empty"])
            : ParseDocument(node, sourceName, position);
    }

    private static WorkloadClassDocument ParseDocument(JsonNode node, string source, int position)
    {
        if (node is not JsonObject root)
        {
            return new WorkloadClassDocument(source, position, null, [$"expected a mapping (a Kubernetes object), got {TypeChecker.Describe(node)}"]);
        }

        var kind = Text(root["kind"]);
        var apiVersion = Text(root["apiVersion"]);
        if (kind != WorkloadClassApi.Kind || apiVersion != WorkloadClassApi.ApiVersion)
        {
            var what = kind is null && apiVersion is null
                ? "has no apiVersion/kind"
                : $"is {kind ?? "<no kind>"} ({apiVersion ?? "<no apiVersion>"})";
            return new WorkloadClassDocument(source, position, null,
                [$"{what}, not a {WorkloadClassApi.Kind} ({WorkloadClassApi.ApiVersion})"]);
        }

        var typeInfo = ManifestJsonContext.Default.V1Alpha1WorkloadClass;
        var errors = new List<string>();
        TypeChecker.Check(root, typeInfo, "", errors);
        if (errors.Count > 0)
        {
            return new WorkloadClassDocument(source, position, null, errors);
        }

        try
        {
            var workloadClass = root.Deserialize(typeInfo);
            return workloadClass is null
                ? new WorkloadClassDocument(source, position, null, ["the document is empty"])
                : new WorkloadClassDocument(source, position, workloadClass, []);
        }
        catch (JsonException ex)
        {
            // Only what the type walk cannot see (custom converters, timestamps) lands here.
            var path = ex.Path is { Length: > 1 } p ? p.TrimStart('$', '.') + ": " : "";
            var message = ex.Message;
            var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
            return new WorkloadClassDocument(source, position, null, [path + (cut > 0 ? message[..cut] : message)]);
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
