using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace AutoMode.Testing.Schemas;

/// <summary>
/// Validates values against Kubernetes structural schemas (a CRD's <c>openAPIV3Schema</c>) and the JSON Schema files
/// openapi2jsonschema derives from them, with JsonSchema.Net 8.0.5 doing the evaluation: the schema is translated to
/// JSON Schema 2020-12 by <see cref="OpenApiToJsonSchema"/> (nullable, x-kubernetes-int-or-string, list-type set,
/// boolean exclusive bounds, int32/int64, date-time, RE2 end anchors, unknown-field rejection, local $refs), and the
/// failing keywords are reported with paths in the WorkloadClass validator's style (<c>spec.tags["a/b"]</c>).
/// <para>
/// What JsonSchema.Net cannot do here, and what is done instead or not at all:
/// <list type="bullet">
/// <item><c>x-kubernetes-list-type: map</c> key uniqueness: no JSON Schema keyword compares a subset of fields;
/// checked home-made (<see cref="KubernetesListChecks.DuplicateMapKeys"/>).</item>
/// <item>Null fields the API server prunes (not nullable) count as absent: JSON Schema has no pruning; nulls are
/// removed from a copy of the instance first (<see cref="KubernetesListChecks.RemoveAbsentNulls"/>), and a
/// <c>required</c> failure is reported at each missing field, not at the object.</item>
/// <item><c>x-kubernetes-validations</c> (CEL) are not evaluated; tests that need them exercise the C# validator that
/// mirrors them (or the fake API server's CEL support).</item>
/// <item>No defaulting, no pruning of unknown fields (they are reported instead, see
/// <see cref="SchemaValidationOptions.RejectUnknownFields"/>), no <c>x-kubernetes-embedded-resource</c> metadata
/// checks, no <c>x-kubernetes-map-type</c> semantics (they only matter to server-side apply).</item>
/// <item><c>maxLength</c>/<c>minLength</c>: JsonSchema.Net counts text elements (grapheme clusters), the API server
/// counts code points; they differ only for combining sequences.</item>
/// <item>Formats other than date-time, int32 and int64 are not checked (the old validator did not either).</item>
/// <item>Patterns run on .NET's regex engine with RE2's end anchor; RE2-only or .NET-only syntax is not emulated.</item>
/// </list>
/// A <c>$ref</c> to another file (the NodeClass <c>metadata</c>) accepts anything.
/// </para>
/// </summary>
public static class OpenApiSchemaValidator
{
    private static readonly ConcurrentDictionary<(string Schema, bool RejectUnknown), (JsonSchema Schema, JsonObject Translated)> Compiled = new();

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    /// <summary>Every violation of <paramref name="schema"/> by <paramref name="instance"/>; empty when valid.</summary>
    public static IReadOnlyList<SchemaError> Validate(JsonNode schema, JsonNode? instance, SchemaValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        options ??= SchemaValidationOptions.Default;
        var (compiled, translatedRoot) = Compiled.GetOrAdd((schema.ToJsonString(), options.RejectUnknownFields), key =>
        {
            var translated = OpenApiToJsonSchema.Translate(JsonNode.Parse(key.Schema)!, options);
            // The built schema keeps elements of the document: it must own a copy that is never disposed.
            var element = JsonSerializer.SerializeToElement(translated);
            return (JsonSchema.Build(element, new BuildOptions { SchemaRegistry = new SchemaRegistry() }), translated);
        });

        var value = instance?.DeepClone();
        if (options.NullPropertiesAreAbsent)
        {
            KubernetesListChecks.RemoveAbsentNulls(schema, value);
        }

        using var evaluated = JsonDocument.Parse(value?.ToJsonString() ?? "null");
        var results = compiled.Evaluate(evaluated.RootElement, Evaluation);
        var errors = new List<SchemaError>();
        Collect(results, value, translatedRoot, errors);
        errors.AddRange(KubernetesListChecks.DuplicateMapKeys(schema, value));
        return errors;
    }

    /// <inheritdoc cref="Validate(JsonNode, JsonNode?, SchemaValidationOptions?)"/>
    public static IReadOnlyList<SchemaError> Validate(JsonElement schema, JsonElement instance, SchemaValidationOptions? options = null)
    {
        var schemaNode = JsonNode.Parse(schema.GetRawText()) ?? throw new ArgumentException("schema is JSON null", nameof(schema));
        return Validate(schemaNode, JsonNode.Parse(instance.GetRawText()), options);
    }

    /// <summary>Errors of failing nodes only: a failed branch under a passing anyOf/oneOf does not count.</summary>
    private static void Collect(EvaluationResults node, JsonNode? instance, JsonObject translated, List<SchemaError> errors)
    {
        if (node.IsValid)
        {
            return;
        }

        if (node.Errors is { Count: > 0 })
        {
            var evaluationPath = Tokens(node.EvaluationPath.ToString());
            var instancePath = Tokens(node.InstanceLocation.ToString());
            var path = ErrorPaths.Format(evaluationPath, instancePath, instance);
            // A value of the wrong type fails its other keywords too; the API server reports only the type.
            var failures = node.Errors.ContainsKey("type") ? node.Errors.Where(e => e.Key == "type") : node.Errors;
            foreach (var (keyword, message) in failures)
            {
                errors.AddRange(ErrorPaths.Explain(keyword, message, path, evaluationPath, instancePath, instance, translated));
            }
        }

        foreach (var detail in node.Details ?? [])
        {
            Collect(detail, instance, translated, errors);
        }
    }

    private static List<string> Tokens(string pointer) =>
        pointer.Length == 0
            ? []
            : [.. pointer.TrimStart('#').Split('/').Skip(1).Select(t => Uri.UnescapeDataString(t).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
}
