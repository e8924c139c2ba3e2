using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Cel;

/// <summary>
/// Turns JSON into the values Cel 0.3.3 evaluates: objects and maps become dictionaries, arrays lists, integers
/// long (double where the schema says <c>type: number</c>), as UnstructuredToVal does in
/// kubernetes/kubernetes staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/values.go.
/// Null fields are left out: the API server prunes them before validation, so <c>has()</c> sees them as absent.
/// </summary>
public static class CelValue
{
    public static object? From(JsonNode? node, CelSchemaNode? schema) => node switch
    {
        null => null,
        JsonObject obj => FromObject(obj, schema),
        JsonArray array => array.Select(item => From(item, schema?.Items)).ToList(),
        JsonValue value => FromScalar(value, schema),
        _ => throw new ArgumentException($"unexpected JSON node {node.GetType().Name}", nameof(node)),
    };

    /// <summary>The value of a resource root: apiVersion, kind, metadata with only name and generateName (model.WithTypeAndObjectMeta), and the rest.</summary>
    public static Dictionary<string, object?> FromRoot(JsonObject root, CelSchemaNode schema)
    {
        ArgumentNullException.ThrowIfNull(root);
        var result = FromObject(root, schema);
        if (root["metadata"] is JsonObject metadata)
        {
            var visible = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var key in new[] { "name", "generateName" })
            {
                if (metadata[key] is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    visible[key] = s;
                }
            }

            result["metadata"] = visible;
        }

        return result;
    }

    private static Dictionary<string, object?> FromObject(JsonObject obj, CelSchemaNode? schema)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (value is not null)
            {
                result[key] = From(value, schema?.Child(key));
            }
        }

        return result;
    }

    private static object? FromScalar(JsonValue value, CelSchemaNode? schema)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return value.GetValue<string>();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                if (schema?.Type != "number" && value.TryGetValue<long>(out var integer))
                {
                    return integer;
                }

                if (value.TryGetValue<double>(out var number))
                {
                    return number;
                }

                return double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }
}
