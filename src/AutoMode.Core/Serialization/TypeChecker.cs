using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Validation;

namespace AutoMode.Core.Serialization;

/// <summary>
/// Walks a JSON document against source-generated type metadata and reports every unknown field and every value
/// of the wrong type with its path, so users see all problems at once in their own words (spec.weight), not the
/// first .NET type name the deserializer trips on. Unknown fields get a "did you mean" from the known names.
/// </summary>
internal static class TypeChecker
{
    /// <summary>One problem.</summary>
    /// <param name="Path">The field, e.g. spec.weight; empty for the document itself.</param>
    /// <param name="Message">What is wrong and what is expected.</param>
    /// <param name="Node">The value of the wrong type, if any: it is left out when the rest is read.</param>
    /// <param name="UnknownField">An unknown field: it does not reach the object, so it explains no rule error.</param>
    public sealed record Problem(string Path, string Message, JsonNode? Node, bool UnknownField = false)
    {
        public override string ToString() => $"{(Path.Length == 0 ? "document" : Path)}: {Message}";
    }

    public static void Check(JsonNode? node, JsonTypeInfo info, string path, List<Problem> errors)
    {
        if (node is null)
        {
            return;
        }

        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (node is not JsonObject obj)
                {
                    errors.Add(Error(path, "a map", node));
                    return;
                }

                foreach (var (key, value) in obj)
                {
                    var property = info.Properties.FirstOrDefault(p => p.Name == key);
                    var childPath = Join(path, key);
                    if (property is null)
                    {
                        var suggestion = FieldSuggestions.Closest(key, info.Properties.Select(p => p.Name));
                        errors.Add(new Problem(childPath, $"unknown field \"{key}\"{(suggestion is null ? "" : $"; did you mean {suggestion}?")}", null, UnknownField: true));
                    }
                    else if (property.CustomConverter is null)
                    {
                        Check(value, info.Options.GetTypeInfo(property.PropertyType), childPath, errors);
                    }
                    else
                    {
                        CheckConverted(value, property.CustomConverter, childPath, errors);
                    }
                }

                return;
            case JsonTypeInfoKind.Enumerable:
                if (node is not JsonArray array)
                {
                    errors.Add(Error(path, "a list", node));
                    return;
                }

                var elementInfo = info.Options.GetTypeInfo(info.ElementType!);
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], elementInfo, $"{path}[{i}]", errors);
                }

                return;
            case JsonTypeInfoKind.Dictionary:
                if (node is not JsonObject map)
                {
                    errors.Add(Error(path, "a map", node));
                    return;
                }

                var valueInfo = info.Options.GetTypeInfo(info.ElementType!);
                foreach (var (key, value) in map)
                {
                    Check(value, valueInfo, Join(path, key), errors);
                }

                return;
        }

        if (type == typeof(IDictionary<string, string>))
        {
            if (node is not JsonObject strings)
            {
                errors.Add(Error(path, "a map of strings", node));
                return;
            }

            foreach (var (key, value) in strings)
            {
                if (value is not null && value.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add(Error(Join(path, key), "a string (quote it)", value));
                }
            }

            return;
        }

        var expected = Expected(type);
        if (expected is not null && !Matches(type, node))
        {
            errors.Add(Error(path, expected, node));
        }
    }

    /// <summary>Values read by a converter of ours: the same walk, in the converter's terms.</summary>
    private static void CheckConverted(JsonNode? node, System.Text.Json.Serialization.JsonConverter converter, string path, List<Problem> errors)
    {
        if (node is null)
        {
            return;
        }

        switch (converter)
        {
            case QuantityMapConverter:
                if (node is not JsonObject quantities)
                {
                    errors.Add(Error(path, "a map of resource quantities like {cpu: \"100\"}", node));
                    return;
                }

                foreach (var (key, value) in quantities)
                {
                    if (value is not null && !IsNumberOrString(value))
                    {
                        errors.Add(Error(Join(path, key), "a quantity such as \"100\", \"500m\" or 64Gi", value));
                    }
                }

                return;
            case IntOrStringConverter when !IsNumberOrString(node):
                errors.Add(Error(path, "a number or a string", node));
                return;
        }
    }

    private static bool IsNumberOrString(JsonNode node) =>
        node is JsonValue && node.GetValueKind() is JsonValueKind.Number or JsonValueKind.String;

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a map",
        JsonArray => "a list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => $"the string {node.ToJsonString()}",
            JsonValueKind.Number => $"the number {node.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {node.ToJsonString()}",
            _ => node.ToJsonString(),
        },
    };

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static Problem Error(string path, string expected, JsonNode? node) => new(path, $"expected {expected}, got {Describe(node)}", node);

    private static string? Expected(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "a boolean (true or false)",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "an integer",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "an RFC 3339 timestamp string",
        _ => null,
    };

    private static bool Matches(Type type, JsonNode node)
    {
        if (node is JsonObject or JsonArray)
        {
            return false;
        }

        var kind = node.GetValueKind();
        if (type == typeof(string) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return kind == JsonValueKind.String;
        }

        if (type == typeof(bool))
        {
            return kind is JsonValueKind.True or JsonValueKind.False;
        }

        if (kind != JsonValueKind.Number)
        {
            return false;
        }

        var value = node.AsValue();
        return type == typeof(int) ? value.TryGetValue<int>(out _) || (value.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue)
            : type == typeof(short) ? value.TryGetValue<long>(out var s) && s is >= short.MinValue and <= short.MaxValue
            : type != typeof(long) || value.TryGetValue<long>(out _);
    }
}
