using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Schemas;

/// <summary>
/// Walks an instance together with the OpenAPI schema nodes that apply to it through <c>properties</c>,
/// <c>additionalProperties</c>, <c>items</c>, <c>allOf</c> and local <c>$ref</c>s (not through anyOf/oneOf/not, whose
/// branch is not known without evaluating them).
/// </summary>
internal static class SchemaWalk
{
    public static void Visit(JsonNode root, JsonNode? schema, JsonNode? value, string path, Action<JsonObject, JsonNode?, string> visit, int depth = 0)
    {
        if (schema is not JsonObject s || depth > 100)
        {
            return;
        }

        visit(s, value, path);
        if (s["$ref"] is JsonValue reference && reference.GetValueKind() == JsonValueKind.String)
        {
            Visit(root, Resolve(root, reference.GetValue<string>()), value, path, visit, depth + 1);
        }

        foreach (var branch in s["allOf"] as JsonArray ?? [])
        {
            Visit(root, branch, value, path, visit, depth + 1);
        }

        switch (value)
        {
            case JsonObject obj:
                var properties = s["properties"] as JsonObject;
                foreach (var (name, child) in obj.ToList())
                {
                    if (properties?[name] is JsonObject property)
                    {
                        Visit(root, property, child, PathFormat.Property(path, name), visit, depth + 1);
                    }
                    else if (s["additionalProperties"] is JsonObject values)
                    {
                        Visit(root, values, child, PathFormat.Key(path, name), visit, depth + 1);
                    }
                }

                break;
            case JsonArray array when s["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Visit(root, items, array[i], PathFormat.Index(path, i), visit, depth + 1);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>A local <c>#/...</c> JSON pointer into <paramref name="root"/>; null for anything else.</summary>
    public static JsonNode? Resolve(JsonNode root, string reference)
    {
        if (!reference.StartsWith('#'))
        {
            return null;
        }

        JsonNode? node = root;
        foreach (var raw in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out var i) && i >= 0 && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }
}
