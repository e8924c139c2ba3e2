using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Schemas;

/// <summary>
/// What JSON Schema cannot express, kept home-made: <c>x-kubernetes-list-type: map</c> lists must not hold two items
/// with the same values of <c>x-kubernetes-list-map-keys</c> (uniqueness over a subset of fields has no JSON Schema
/// keyword; the API server refuses such a list as a Duplicate value).
/// </summary>
internal static class KubernetesListChecks
{
    public static IEnumerable<SchemaError> DuplicateMapKeys(JsonNode schema, JsonNode? instance)
    {
        var errors = new List<SchemaError>();
        SchemaWalk.Visit(schema, schema, instance, "", (s, value, path) =>
        {
            if (value is not JsonArray array
                || s["x-kubernetes-list-type"] is not JsonValue listType || listType.GetValueKind() != JsonValueKind.String || listType.GetValue<string>() != "map"
                || s["x-kubernetes-list-map-keys"] is not JsonArray mapKeys)
            {
                return;
            }

            var keys = mapKeys.Select(k => k?.GetValue<string>()).OfType<string>().ToArray();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < array.Count; i++)
            {
                var identity = string.Join("\u0000", keys.Select(k => (array[i] as JsonObject)?[k]?.ToJsonString() ?? "null"));
                if (!seen.Add(identity))
                {
                    errors.Add(new SchemaError(PathFormat.Index(path, i), $"duplicates the map keys [{string.Join(", ", keys)}] of an earlier item") { Keyword = "x-kubernetes-list-map-keys" });
                }
            }
        });
        return errors;
    }

    /// <summary>
    /// The API server prunes a null field whose schema is not nullable before validating, so it counts as absent (a
    /// required field then fails). Removes such nulls from a copy of the instance.
    /// </summary>
    public static void RemoveAbsentNulls(JsonNode schema, JsonNode? instance) =>
        SchemaWalk.Visit(schema, schema, instance, "", (s, value, _) =>
        {
            if (value is not JsonObject obj || s["properties"] is not JsonObject properties)
            {
                return;
            }

            foreach (var (name, child) in obj.ToList())
            {
                if (child is null && properties[name] is JsonObject property && !AcceptsNull(property))
                {
                    obj.Remove(name);
                }
            }
        });

    private static bool AcceptsNull(JsonObject property) =>
        (property["nullable"] is JsonValue n && n.GetValueKind() == JsonValueKind.True)
        || (property["type"] is JsonArray types && types.Any(t => t is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "null"));
}
