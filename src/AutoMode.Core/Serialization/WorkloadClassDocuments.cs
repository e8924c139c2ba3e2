using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Serialization;

/// <summary>
/// Reads WorkloadClasses from YAML text (one or more documents). Never throws on any text: every problem becomes
/// an error on its document (not YAML, not a mapping, another kind, unknown fields, wrong value types), all of them
/// at once: a value of the wrong type is reported and left out, and the rest is still read (see
/// <see cref="WorkloadClassDocument.Partial"/>) so the rule checks run in the same pass. Empty documents are skipped.
/// </summary>
public static class WorkloadClassDocuments
{
    /// <summary>Bounds the read-report-remove loop for values only a converter can judge (timestamps).</summary>
    private const int MaxConverterErrors = 32;

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
        if (IdentityProblems(kind, apiVersion) is not { } problems)
        {
            var what = kind is null && apiVersion is null
                ? "has no apiVersion/kind"
                : $"is {kind ?? "<no kind>"} ({apiVersion ?? "<no apiVersion>"})";
            return new WorkloadClassDocument(source, position, null,
                [$"{what}, not a {WorkloadClassApi.Kind} ({WorkloadClassApi.ApiVersion})"]);
        }

        // Checked and pruned on a copy: each value of the wrong type is reported, then removed so the rest can be read.
        var typeInfo = ManifestJsonContext.Default.V1Alpha1WorkloadClass;
        var working = (JsonObject)root.DeepClone();
        TypeChecker.Check(working, typeInfo, "", problems);
        foreach (var problem in problems.Where(p => p.Node is not null))
        {
            Prune(problem.Node!);
        }

        working["apiVersion"] = WorkloadClassApi.ApiVersion;
        working["kind"] = WorkloadClassApi.Kind;
        var partial = Read(working, typeInfo, problems);
        var errors = problems.Select(p => p.ToString()).ToList();
        if (partial is null && errors.Count == 0)
        {
            errors.Add("the document is empty");
        }

        return new WorkloadClassDocument(source, position, errors.Count == 0 ? partial : null, errors)
        {
            ClaimsWorkloadClass = true,
            Name = Text((root["metadata"] as JsonObject)?["name"]),
            Partial = partial,
            ErrorPaths = [.. problems.Where(p => !p.UnknownField).Select(p => p.Path)],
        };
    }

    /// <summary>
    /// Null when the document is not meant as a WorkloadClass (another kind of another group); otherwise the
    /// problems with its apiVersion and kind (none for automode.io/v1alpha1 WorkloadClass). A WorkloadClass with an
    /// old or invented version, or a misspelt kind in our group, is still read, so every other error shows too.
    /// </summary>
    private static List<TypeChecker.Problem>? IdentityProblems(string? kind, string? apiVersion)
    {
        var ourGroup = apiVersion?.StartsWith(WorkloadClassApi.Group + "/", StringComparison.Ordinal) == true;
        if (kind != WorkloadClassApi.Kind && !ourGroup)
        {
            return null;
        }

        var problems = new List<TypeChecker.Problem>();
        if (apiVersion is null)
        {
            problems.Add(new("apiVersion", $"is required; use apiVersion {WorkloadClassApi.ApiVersion}", null));
        }
        else if (apiVersion != WorkloadClassApi.ApiVersion)
        {
            problems.Add(new("apiVersion", $"\"{apiVersion}\" does not serve {WorkloadClassApi.Kind}; use apiVersion {WorkloadClassApi.ApiVersion}", null));
        }

        if (kind is null)
        {
            problems.Add(new("kind", $"is required; use kind {WorkloadClassApi.Kind}", null));
        }
        else if (kind != WorkloadClassApi.Kind)
        {
            problems.Add(new("kind", $"\"{kind}\" is not a kind of {WorkloadClassApi.Group}; use kind {WorkloadClassApi.Kind}", null));
        }

        return problems;
    }

    /// <summary>
    /// Deserializes, and for each value only a converter can judge (a timestamp, say): reports it, removes it and
    /// tries again, so one such value never hides another. Null if the document cannot be read at all.
    /// </summary>
    private static V1Alpha1WorkloadClass? Read(JsonObject working, System.Text.Json.Serialization.Metadata.JsonTypeInfo<V1Alpha1WorkloadClass> typeInfo, List<TypeChecker.Problem> problems)
    {
        for (var attempt = 0; attempt < MaxConverterErrors; attempt++)
        {
            try
            {
                return working.Deserialize(typeInfo);
            }
            catch (JsonException ex)
            {
                var segments = JsonPathSegments(ex.Path);
                var message = ex.Message;
                var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
                problems.Add(new(FieldPath(segments), cut > 0 ? message[..cut] : message, null));
                if (segments.Count == 0 || !RemoveAt(working, segments))
                {
                    return null;
                }
            }
        }

        return null;
    }

    private static void Prune(JsonNode node)
    {
        switch (node.Parent)
        {
            case JsonObject parent:
                parent.Remove(node.GetPropertyName());
                break;
            case JsonArray list:
                // Nulled, not removed: the indexes of the other items (and their error paths) stay as the user wrote them.
                list[list.IndexOf(node)] = null;
                break;
        }
    }

    private static bool RemoveAt(JsonObject root, List<object> segments)
    {
        JsonNode? current = root;
        for (var i = 0; i < segments.Count - 1 && current is not null; i++)
        {
            current = segments[i] switch
            {
                string key when current is JsonObject obj => obj[key],
                int index when current is JsonArray list && index < list.Count => list[index],
                _ => null,
            };
        }

        switch (segments[^1])
        {
            case string key when current is JsonObject obj && obj.ContainsKey(key):
                obj.Remove(key);
                return true;
            case int index when current is JsonArray list && index < list.Count && list[index] is not null:
                list[index] = null;
                return true;
            default:
                return false;
        }
    }

    /// <summary>System.Text.Json's path ($.spec.limits, $['a.b'], $.spec.subnets[0]) as keys and indexes.</summary>
    private static List<object> JsonPathSegments(string? path)
    {
        var segments = new List<object>();
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return segments;
        }

        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (i + 1 < path.Length && path[i] == '[' && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }

                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                if (end < 0 || !int.TryParse(path[(i + 1)..end], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    break;
                }

                segments.Add(index);
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return segments;
    }

    private static string FieldPath(List<object> segments) =>
        string.Concat(segments.Select((s, i) => s is int index ? $"[{index.ToString(CultureInfo.InvariantCulture)}]" : (i == 0 ? "" : ".") + s));

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
