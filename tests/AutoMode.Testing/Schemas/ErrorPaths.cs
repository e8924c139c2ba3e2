using System.Text.Json.Nodes;

namespace AutoMode.Testing.Schemas;

/// <summary>Turns a JsonSchema.Net failure (evaluation path, instance location, keyword) into <see cref="SchemaError"/>s.</summary>
internal static class ErrorPaths
{
    /// <summary>
    /// The instance location in the WorkloadClass validator's style: a list index as <c>[i]</c>; an object key as
    /// <c>.name</c> when the evaluation path reached it through <c>properties</c>, as <c>["key"]</c> when through
    /// <c>additionalProperties</c> or <c>patternProperties</c> (a map entry). The instance itself tells lists from
    /// objects, as JsonSchema.Net's evaluation paths repeat some keywords (<c>items/items</c>).
    /// </summary>
    public static string Format(IReadOnlyList<string> evaluationPath, IReadOnlyList<string> instancePath, JsonNode? instance)
    {
        var path = "";
        var position = 0;
        var current = instance;
        foreach (var token in instancePath)
        {
            if (current is JsonArray array && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                path = PathFormat.Index(path, index);
                current = index < array.Count ? array[index] : null;
                continue;
            }

            var asKey = false;
            for (var j = position; j < evaluationPath.Count; j++)
            {
                if (evaluationPath[j] == "properties" && j + 1 < evaluationPath.Count && evaluationPath[j + 1] == token)
                {
                    position = j + 2;
                    break;
                }

                if (evaluationPath[j] is "additionalProperties" or "patternProperties")
                {
                    asKey = true;
                    position = j + (evaluationPath[j] == "patternProperties" ? 2 : 1);
                    break;
                }
            }

            path = asKey ? PathFormat.Key(path, token) : PathFormat.Property(path, token);
            current = (current as JsonObject)?[token];
        }

        return path;
    }

    public static IEnumerable<SchemaError> Explain(
        string keyword,
        string message,
        string path,
        IReadOnlyList<string> evaluationPath,
        IReadOnlyList<string> instancePath,
        JsonNode? instance,
        JsonObject translated)
    {
        var value = At(instance, instancePath);
        switch (keyword)
        {
            case "required" when value is JsonObject obj && RequiredAt(translated, evaluationPath) is { } requiredNames:
                // One error per missing field, at that field, as the API server reports it.
                return requiredNames.Select(r => r?.GetValue<string>()).OfType<string>().Where(name => !obj.ContainsKey(name))
                    .Select(name => new SchemaError(PathFormat.Property(path, name), "is required") { Keyword = keyword, InstancePointer = [.. instancePath, name] })
                    .ToList();
            case "uniqueItems" when value is JsonArray array:
                // Each item that repeats an earlier one, at its own index.
                return Enumerable.Range(0, array.Count)
                    .Select(i => (Index: i, Earlier: Enumerable.Range(0, i).FirstOrDefault(j => JsonNode.DeepEquals(array[i], array[j]), -1)))
                    .Where(d => d.Earlier >= 0)
                    .Select(d => new SchemaError(PathFormat.Index(path, d.Index), $"duplicates item {d.Earlier}") { Keyword = keyword, InstancePointer = [.. instancePath, d.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)] })
                    .ToList();
            case "" when evaluationPath.Count > 0 && evaluationPath[^1] == "additionalProperties" && instancePath.Count > 0:
                // additionalProperties: false: an undeclared field, written as a field (spec.unknown), not a map key.
                var parent = Format(evaluationPath, instancePath.Take(instancePath.Count - 1).ToList(), instance);
                return [new SchemaError(PathFormat.Property(parent, instancePath[^1]), "is not a known field") { Keyword = "additionalProperties", InstancePointer = instancePath }];
            default:
                return [new SchemaError(path, message) { Keyword = keyword, InstancePointer = instancePath }];
        }
    }

    private static JsonNode? At(JsonNode? node, IReadOnlyList<string> pointer)
    {
        foreach (var token in pointer)
        {
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out var i) && i >= 0 && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }

    private static JsonArray? RequiredAt(JsonObject root, IReadOnlyList<string> evaluationPath) =>
        SchemaAt(root, evaluationPath) is { } schema ? schema["required"] as JsonArray : null;

    /// <summary>The translated schema node an evaluation path ends at, following <c>$ref</c>s.</summary>
    private static JsonObject? SchemaAt(JsonObject root, IReadOnlyList<string> evaluationPath)
    {
        JsonNode? node = root;
        foreach (var token in evaluationPath)
        {
            node = token == "$ref" && node?["$ref"] is JsonValue reference
                ? SchemaWalk.Resolve(root, reference.GetValue<string>())
                : node switch
                {
                    JsonObject obj => obj[token],
                    JsonArray array when int.TryParse(token, out var i) && i >= 0 && i < array.Count => array[i],
                    _ => null,
                };
        }

        return node as JsonObject;
    }
}
