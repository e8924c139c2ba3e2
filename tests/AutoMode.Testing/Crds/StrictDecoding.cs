using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Crds;

/// <summary>
/// The strict decoding of JSONSchemaProps (apiextensions-apiserver pkg/apis/apiextensions/v1/types_jsonschema.go) that
/// kubectl's default <c>--validate=strict</c> asks for: a key JSONSchemaProps does not have is an unknown field, and a
/// <c>type</c> that is not a string (a JSON Schema type array) does not decode at all. Only schema nodes are checked,
/// not the rest of the CRD object.
/// </summary>
internal static class StrictDecoding
{
    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal)
    {
        "id", "$schema", "$ref", "description", "type", "format", "title", "default", "maximum", "exclusiveMaximum",
        "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
        "multipleOf", "enum", "maxProperties", "minProperties", "required", "items", "allOf", "oneOf", "anyOf", "not",
        "properties", "additionalProperties", "patternProperties", "dependencies", "additionalItems", "definitions",
        "externalDocs", "example", "nullable", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
        "x-kubernetes-int-or-string", "x-kubernetes-list-map-keys", "x-kubernetes-list-type", "x-kubernetes-map-type",
        "x-kubernetes-validations",
    };

    public static void Check(JsonNode? schema, FieldPath path, List<string> errors)
    {
        if (schema is not JsonObject s)
        {
            return;
        }

        foreach (var (key, value) in s)
        {
            if (!Keys.Contains(key))
            {
                errors.Add($"unknown field {CrdFieldError.GoQuote(path.Child(key).ToString())}");
            }
            else if (key == "type" && value is not null && (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            {
                errors.Add($"json: cannot unmarshal {(value is JsonArray ? "array" : "value")} into Go struct field JSONSchemaProps.{path.Child(key)} of type string");
            }
        }

        foreach (var (name, child) in s["properties"] as JsonObject ?? [])
        {
            Check(child, path.Child("properties").Key(name), errors);
        }

        foreach (var single in new[] { "additionalProperties", "not", "additionalItems" })
        {
            Check(s[single], path.Child(single), errors);
        }

        switch (s["items"])
        {
            case JsonObject items:
                Check(items, path.Child("items"), errors);
                break;
            case JsonArray tuple:
                for (var i = 0; i < tuple.Count; i++)
                {
                    Check(tuple[i], path.Child("items").Index(i), errors);
                }

                break;
            default:
                break;
        }

        foreach (var combinator in new[] { "allOf", "anyOf", "oneOf" })
        {
            var branches = s[combinator] as JsonArray ?? [];
            for (var i = 0; i < branches.Count; i++)
            {
                Check(branches[i], path.Child(combinator).Index(i), errors);
            }
        }
    }
}
