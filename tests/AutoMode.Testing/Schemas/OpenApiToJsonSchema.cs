using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Schemas;

/// <summary>
/// Translates a Kubernetes structural schema (a CRD's OpenAPI v3 <c>openAPIV3Schema</c>) or an openapi2jsonschema
/// file into a JSON Schema 2020-12 document that JsonSchema.Net evaluates the way the API server (kube-openapi's
/// validator) would:
/// <list type="bullet">
/// <item><c>nullable: true</c> adds <c>"null"</c> to <c>type</c> (and <c>enum</c>), or wraps the node in
/// <c>anyOf [{type: null}, node]</c> when it also uses combinators or <c>$ref</c>;</item>
/// <item><c>x-kubernetes-int-or-string</c> becomes <c>type: [integer, string]</c>;</item>
/// <item><c>x-kubernetes-list-type: set</c> becomes <c>uniqueItems</c>;</item>
/// <item>OpenAPI 3.0 boolean <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> become the numeric draft 6+ form;</item>
/// <item><c>format</c>: <c>date-time</c> is kept (format validation is switched on); <c>int32</c>/<c>int64</c>
/// become minimum/maximum bounds; every other format is dropped, as the old validator ignored them (Kubernetes'
/// <c>duration</c> is not JSON Schema's ISO 8601 duration, for one);</item>
/// <item><c>pattern</c>: RE2's <c>$</c> (end of text only) is rewritten to <c>(?![\s\S])</c>, since .NET's <c>$</c>
/// also matches before a final newline;</item>
/// <item>array <c>items</c> (tuples) become <c>prefixItems</c>, <c>additionalItems</c> becomes <c>items</c>;
/// <c>definitions</c> become <c>$defs</c> and local <c>$ref</c>s follow; a <c>$ref</c> to another file (not stored
/// here) is dropped, so that node accepts anything;</item>
/// <item>with <see cref="SchemaValidationOptions.RejectUnknownFields"/>, an object node with <c>properties</c> and
/// neither <c>additionalProperties</c> nor <c>x-kubernetes-preserve-unknown-fields</c> gets
/// <c>additionalProperties: false</c>;</item>
/// <item><c>$schema</c>, <c>id</c>, <c>example</c>, <c>externalDocs</c> and every <c>x-kubernetes-*</c> key are dropped
/// (what JSON Schema cannot express is checked by <see cref="KubernetesListChecks"/>, or not at all: see
/// <see cref="OpenApiSchemaValidator"/>).</item>
/// </list>
/// </summary>
public static class OpenApiToJsonSchema
{
    private static readonly HashSet<string> Copied = new(StringComparer.Ordinal)
    {
        "type", "enum", "const", "required", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength",
        "minimum", "maximum", "multipleOf", "minProperties", "maxProperties", "default", "description", "title",
    };

    public static JsonObject Translate(JsonNode schema, SchemaValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        return Node(schema, options) as JsonObject ?? new JsonObject { ["allOf"] = new JsonArray(Node(schema, options)) };
    }

    private static JsonNode Node(JsonNode? node, SchemaValidationOptions options)
    {
        if (node is not JsonObject s)
        {
            // true/false schemas stay; anything else is not a schema and accepts anything.
            return node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.DeepClone() : JsonValue.Create(true);
        }

        var result = new JsonObject();
        foreach (var (key, value) in s)
        {
            if (Copied.Contains(key))
            {
                result[key] = value?.DeepClone();
            }
        }

        if (s["properties"] is JsonObject properties)
        {
            result["properties"] = Map(properties, options);
        }

        if (s["patternProperties"] is JsonObject patternProperties)
        {
            var translated = new JsonObject();
            foreach (var (key, child) in patternProperties)
            {
                translated[Re2Pattern(key)] = Node(child, options);
            }

            result["patternProperties"] = translated;
        }

        if (s.TryGetPropertyValue("additionalProperties", out var additional) && additional is not null)
        {
            result["additionalProperties"] = Node(additional, options);
        }
        else if (options.RejectUnknownFields && s["properties"] is JsonObject && !Flag(s, "x-kubernetes-preserve-unknown-fields"))
        {
            result["additionalProperties"] = false;
        }

        switch (s["items"])
        {
            case JsonArray tuple:
                result["prefixItems"] = new JsonArray([.. tuple.Select(t => Node(t, options))]);
                if (s.TryGetPropertyValue("additionalItems", out var extra) && extra is not null)
                {
                    result["items"] = Node(extra, options);
                }

                break;
            case JsonNode items:
                result["items"] = Node(items, options);
                break;
            default:
                break;
        }

        foreach (var combinator in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (s[combinator] is JsonArray branches)
            {
                result[combinator] = new JsonArray([.. branches.Select(b => Node(b, options))]);
            }
        }

        if (s["not"] is { } not)
        {
            result["not"] = Node(not, options);
        }

        foreach (var definitions in new[] { "definitions", "$defs" })
        {
            if (s[definitions] is JsonObject defs)
            {
                result["$defs"] = Map(defs, options);
            }
        }

        if (s["$ref"] is JsonValue reference && reference.GetValueKind() == JsonValueKind.String && reference.GetValue<string>().StartsWith('#'))
        {
            result["$ref"] = reference.GetValue<string>().Replace("/definitions/", "/$defs/", StringComparison.Ordinal);
        }

        if (s["pattern"] is JsonValue pattern && pattern.GetValueKind() == JsonValueKind.String)
        {
            result["pattern"] = Re2Pattern(pattern.GetValue<string>());
        }

        if (Flag(s, "x-kubernetes-int-or-string"))
        {
            result["type"] = new JsonArray("integer", "string");
        }

        if (s["x-kubernetes-list-type"] is JsonValue listType && listType.GetValueKind() == JsonValueKind.String && listType.GetValue<string>() == "set")
        {
            result["uniqueItems"] = true;
        }

        Exclusive(s, result, "exclusiveMinimum", "minimum");
        Exclusive(s, result, "exclusiveMaximum", "maximum");
        Format(s, result);

        return Flag(s, "nullable") ? Nullable(result) : result;
    }

    private static JsonObject Map(JsonObject children, SchemaValidationOptions options)
    {
        var translated = new JsonObject();
        foreach (var (name, child) in children)
        {
            translated[name] = Node(child, options);
        }

        return translated;
    }

    /// <summary>OpenAPI 3.0 / draft 4 booleans become draft 6+ numbers; numeric ones are JSON Schema already.</summary>
    private static void Exclusive(JsonObject s, JsonObject result, string exclusive, string bound)
    {
        switch (s[exclusive])
        {
            case JsonValue flag when flag.GetValueKind() == JsonValueKind.True:
                if (s[bound] is { } value)
                {
                    result[exclusive] = value.DeepClone();
                    result.Remove(bound);
                }

                break;
            case JsonValue number when number.GetValueKind() == JsonValueKind.Number:
                result[exclusive] = number.DeepClone();
                break;
            default:
                break;
        }
    }

    private static void Format(JsonObject s, JsonObject result)
    {
        var format = s["format"] is JsonValue f && f.GetValueKind() == JsonValueKind.String ? f.GetValue<string>() : null;
        switch (format)
        {
            case "date-time":
                result["format"] = "date-time";
                break;
            case "int32":
                AddBounds(result, int.MinValue, int.MaxValue);
                break;
            case "int64":
                AddBounds(result, long.MinValue, long.MaxValue);
                break;
            default:
                break;
        }
    }

    private static void AddBounds(JsonObject result, long min, long max)
    {
        var bounds = new JsonObject { ["minimum"] = min, ["maximum"] = max };
        if (result["allOf"] is JsonArray allOf)
        {
            allOf.Add(bounds);
        }
        else
        {
            result["allOf"] = new JsonArray(bounds);
        }
    }

    private static JsonObject Nullable(JsonObject result)
    {
        if (result.ContainsKey("allOf") || result.ContainsKey("anyOf") || result.ContainsKey("oneOf") || result.ContainsKey("not") || result.ContainsKey("$ref"))
        {
            return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, result) };
        }

        switch (result["type"])
        {
            case JsonValue single:
                result["type"] = new JsonArray(single.DeepClone(), "null");
                break;
            case JsonArray many when !many.Any(t => t?.ToString() == "null"):
                many.Add("null");
                break;
            default:
                break;
        }

        if (result["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }

        return result;
    }

    /// <summary>RE2's <c>$</c> matches only at the very end of the text; .NET's also before a final newline.</summary>
    internal static string Re2Pattern(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }

            inClass = c switch
            {
                '[' => true,
                ']' => false,
                _ => inClass,
            };
            result.Append(c == '$' && !inClass ? @"(?![\s\S])" : c.ToString(CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }

    private static bool Flag(JsonObject s, string key) => s[key] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
}
