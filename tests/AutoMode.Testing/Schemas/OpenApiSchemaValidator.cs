using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AutoMode.Testing.Schemas;

/// <summary>
/// A small validator for Kubernetes structural schemas (a CRD's <c>openAPIV3Schema</c>) and the JSON Schema files
/// that openapi2jsonschema derives from them. It covers what those schemas use: <c>type</c> (also JSON Schema type
/// arrays such as <c>["string","null"]</c>), <c>properties</c>, <c>required</c>, <c>additionalProperties</c>,
/// <c>items</c>, <c>enum</c>, <c>pattern</c>, <c>minLength</c>/<c>maxLength</c> (in Unicode code points, as the API server counts),
/// <c>minimum</c>/<c>maximum</c> (+ exclusive, boolean or numeric), <c>multipleOf</c>, <c>minItems</c>/<c>maxItems</c>,
/// <c>uniqueItems</c> and <c>x-kubernetes-list-type: set</c>, <c>minProperties</c>/<c>maxProperties</c>, <c>format</c>
/// int32/int64/date-time, <c>nullable</c>, <c>x-kubernetes-int-or-string</c>, <c>x-kubernetes-preserve-unknown-fields</c>,
/// <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c>/<c>not</c>, and <c>$ref</c> (local <c>#/...</c> pointers are followed; anything
/// else, such as the NodeClass <c>metadata</c> reference to a file that is not stored, accepts any value).
/// <para>
/// It does NOT evaluate <c>x-kubernetes-validations</c> (CEL) rules, and it does not apply defaults: tests that need
/// CEL behaviour must exercise the C# validator that mirrors those rules. Patterns are run with .NET
/// <see cref="Regex"/>, which agrees with Go's RE2 on the patterns Kubernetes CRDs use; like the API server, a pattern
/// matches anywhere in the string unless it is anchored.
/// </para>
/// </summary>
public static partial class OpenApiSchemaValidator
{
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    /// <summary>Every violation of <paramref name="schema"/> by <paramref name="instance"/>; empty when valid.</summary>
    public static IReadOnlyList<SchemaError> Validate(JsonNode schema, JsonNode? instance, SchemaValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<SchemaError>();
        new Walker(schema, options ?? SchemaValidationOptions.Default, errors).Check(schema, instance, "");
        return errors;
    }

    /// <inheritdoc cref="Validate(JsonNode, JsonNode?, SchemaValidationOptions?)"/>
    public static IReadOnlyList<SchemaError> Validate(JsonElement schema, JsonElement instance, SchemaValidationOptions? options = null)
    {
        var schemaNode = JsonNode.Parse(schema.GetRawText()) ?? throw new ArgumentException("schema is JSON null", nameof(schema));
        return Validate(schemaNode, JsonNode.Parse(instance.GetRawText()), options);
    }

    private sealed class Walker(JsonNode root, SchemaValidationOptions options, List<SchemaError> errors)
    {
        private int depth;

        public void Check(JsonNode? schemaNode, JsonNode? value, string path)
        {
            switch (schemaNode)
            {
                case null:
                    return;
                case JsonValue boolean when boolean.GetValueKind() is JsonValueKind.True:
                    return;
                case JsonValue boolean when boolean.GetValueKind() is JsonValueKind.False:
                    Add(path, "no value is allowed here");
                    return;
                case not JsonObject:
                    Add(path, $"schema is not an object: {schemaNode.ToJsonString()}");
                    return;
            }

            if (++depth > 200)
            {
                depth--;
                Add(path, "schema nesting is too deep (recursive $ref?)");
                return;
            }

            try
            {
                CheckObjectSchema((JsonObject)schemaNode, value, path);
            }
            finally
            {
                depth--;
            }
        }

        private void CheckObjectSchema(JsonObject schema, JsonNode? value, string path)
        {
            if (schema["$ref"] is JsonValue reference && reference.TryGetValue(out string? target))
            {
                Check(Resolve(target), value, path);
            }

            if (schema["allOf"] is JsonArray allOf)
            {
                foreach (var branch in allOf)
                {
                    Check(branch, value, path);
                }
            }

            if (schema["anyOf"] is JsonArray anyOf && anyOf.Count > 0)
            {
                var passing = anyOf.Count(branch => Passes(branch, value, path));
                if (passing == 0)
                {
                    Add(path, $"{Describe(value)} matches none of the anyOf alternatives");
                }
            }

            if (schema["oneOf"] is JsonArray oneOf && oneOf.Count > 0)
            {
                var passing = oneOf.Count(branch => Passes(branch, value, path));
                if (passing != 1)
                {
                    Add(path, $"{Describe(value)} matches {passing} of the oneOf alternatives; exactly one must match");
                }
            }

            if (schema["not"] is { } not && Passes(not, value, path))
            {
                Add(path, $"{Describe(value)} matches a schema it must not match");
            }

            var types = DeclaredTypes(schema);
            var kind = KindOf(value);
            if (kind == "null")
            {
                if (!Flag(schema, "nullable") && types.Count > 0 && !types.Contains("null"))
                {
                    Add(path, $"null is not allowed; expected {string.Join(" or ", types)}");
                }

                return;
            }

            if (types.Count > 0 && !types.Contains(kind) && !(kind == "integer" && types.Contains("number")))
            {
                Add(path, $"{Describe(value)} has type {kind}; expected {string.Join(" or ", types)}");
                return;
            }

            if (schema["enum"] is JsonArray allowed && !allowed.Any(candidate => JsonNode.DeepEquals(candidate, value)))
            {
                Add(path, $"{Describe(value)} is not one of {allowed.ToJsonString()}");
            }

            switch (value)
            {
                case JsonObject obj:
                    CheckObject(schema, obj, path);
                    break;
                case JsonArray array:
                    CheckArray(schema, array, path);
                    break;
                case JsonValue scalar when kind == "string":
                    CheckString(schema, scalar.GetValue<string>(), path);
                    break;
                case JsonValue scalar when kind is "integer" or "number":
                    CheckNumber(schema, scalar, kind, path);
                    break;
                default:
                    break;
            }
        }

        private bool Passes(JsonNode? branch, JsonNode? value, string path)
        {
            var trial = new List<SchemaError>();
            new Walker(root, options, trial) { depth = depth }.Check(branch, value, path);
            return trial.Count == 0;
        }

        private JsonNode? Resolve(string? reference)
        {
            if (reference is null || !reference.StartsWith('#'))
            {
                // Unresolvable (another file, a URL): treat as "anything", as the brief for these tests requires.
                return null;
            }

            JsonNode? node = root;
            foreach (var raw in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                node = node switch
                {
                    JsonObject obj => obj[token],
                    JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                    _ => null,
                };
                if (node is null)
                {
                    return null;
                }
            }

            return node;
        }

        private void CheckObject(JsonObject schema, JsonObject obj, string path)
        {
            var properties = schema["properties"] as JsonObject;
            var additional = schema["additionalProperties"];
            var preserveUnknown = Flag(schema, "x-kubernetes-preserve-unknown-fields");

            if (schema["required"] is JsonArray required)
            {
                foreach (var name in required.Select(r => r?.GetValue<string>()).OfType<string>())
                {
                    if (!obj.TryGetPropertyValue(name, out var present) || (present is null && IsAbsentWhenNull(properties?[name])))
                    {
                        Add(PathFormat.Property(path, name), "is required");
                    }
                }
            }

            var count = obj.Count;
            if (Number(schema, "minProperties") is { } minProperties && count < minProperties)
            {
                Add(path, $"has {count} properties; at least {minProperties} are required");
            }

            if (Number(schema, "maxProperties") is { } maxProperties && count > maxProperties)
            {
                Add(path, $"has {count} properties; at most {maxProperties} are allowed");
            }

            foreach (var (name, child) in obj)
            {
                var childPath = PathFormat.Property(path, name);
                if (properties is not null && properties.TryGetPropertyValue(name, out var propertySchema))
                {
                    if (child is null && IsAbsentWhenNull(propertySchema))
                    {
                        continue;
                    }

                    Check(propertySchema, child, childPath);
                }
                else if (additional is JsonObject additionalSchema)
                {
                    Check(additionalSchema, child, PathFormat.Key(path, name));
                }
                else if (additional is JsonValue allowAdditional && allowAdditional.GetValueKind() is JsonValueKind.False)
                {
                    Add(childPath, "is not a known field");
                }
                else if (properties is not null && additional is null && !preserveUnknown && options.RejectUnknownFields)
                {
                    Add(childPath, "is not a known field");
                }
            }
        }

        private bool IsAbsentWhenNull(JsonNode? propertySchema) =>
            options.NullPropertiesAreAbsent
            && !(propertySchema is JsonObject s && (Flag(s, "nullable") || DeclaredTypes(s).Contains("null")));

        private void CheckArray(JsonObject schema, JsonArray array, string path)
        {
            if (Number(schema, "minItems") is { } minItems && array.Count < minItems)
            {
                Add(path, $"has {array.Count} items; at least {minItems} are required");
            }

            if (Number(schema, "maxItems") is { } maxItems && array.Count > maxItems)
            {
                Add(path, $"has {array.Count} items; at most {maxItems} are allowed");
            }

            var items = schema["items"];
            for (var i = 0; i < array.Count; i++)
            {
                var itemSchema = items is JsonArray tuple ? (i < tuple.Count ? tuple[i] : schema["additionalItems"]) : items;
                if (array[i] is null && itemSchema is JsonObject s && !Flag(s, "nullable") && !DeclaredTypes(s).Contains("null"))
                {
                    Add(PathFormat.Index(path, i), "null is not allowed in a list");
                    continue;
                }

                Check(itemSchema, array[i], PathFormat.Index(path, i));
            }

            var listType = (schema["x-kubernetes-list-type"] as JsonValue)?.GetValue<string>();
            if (Flag(schema, "uniqueItems") || listType == "set")
            {
                for (var i = 0; i < array.Count; i++)
                {
                    for (var j = 0; j < i; j++)
                    {
                        if (JsonNode.DeepEquals(array[i], array[j]))
                        {
                            Add(PathFormat.Index(path, i), $"duplicates item {j}: {Describe(array[i])}");
                            break;
                        }
                    }
                }
            }

            if (listType == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray mapKeys)
            {
                var keys = mapKeys.Select(k => k?.GetValue<string>()).OfType<string>().ToArray();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < array.Count; i++)
                {
                    var identity = string.Join("\u0000", keys.Select(k => (array[i] as JsonObject)?[k]?.ToJsonString() ?? "null"));
                    if (!seen.Add(identity))
                    {
                        Add(PathFormat.Index(path, i), $"duplicates the map keys [{string.Join(", ", keys)}] of an earlier item");
                    }
                }
            }
        }

        private void CheckString(JsonObject schema, string text, string path)
        {
            var length = text.EnumerateRunes().Count();
            if (Number(schema, "minLength") is { } minLength && length < minLength)
            {
                Add(path, $"{Quote(text)} is {length} characters; at least {minLength} are required");
            }

            if (Number(schema, "maxLength") is { } maxLength && length > maxLength)
            {
                Add(path, $"{Quote(text)} is {length} characters; at most {maxLength} are allowed");
            }

            if (schema["pattern"] is JsonValue patternNode && patternNode.TryGetValue(out string? pattern))
            {
                var regex = Patterns.GetOrAdd(pattern, Compile);
                if (regex is null)
                {
                    Add(path, $"schema pattern {Quote(pattern)} does not compile with .NET Regex");
                }
                else if (!regex.IsMatch(text))
                {
                    Add(path, $"{Quote(text)} does not match the pattern {Quote(pattern)}");
                }
            }

            var format = (schema["format"] as JsonValue)?.GetValue<string>();
            if (format == "date-time" && !IsRfc3339(text))
            {
                Add(path, $"{Quote(text)} is not an RFC 3339 date-time");
            }
        }

        private void CheckNumber(JsonObject schema, JsonValue scalar, string kind, string path)
        {
            var raw = scalar.ToJsonString();
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                Add(path, $"{raw} is not a number");
                return;
            }

            var format = (schema["format"] as JsonValue)?.GetValue<string>();
            if (kind == "integer" && format == "int32" && (number < int.MinValue || number > int.MaxValue))
            {
                Add(path, $"{raw} does not fit in int32");
            }

            if (kind == "integer" && format == "int64" && !long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                Add(path, $"{raw} does not fit in int64");
            }

            if (Number(schema, "minimum") is { } minimum)
            {
                var exclusive = Flag(schema, "exclusiveMinimum");
                if (exclusive ? number <= minimum : number < minimum)
                {
                    Add(path, $"{raw} is less than the minimum {(exclusive ? "(exclusive) " : "")}{minimum}");
                }
            }

            if (Number(schema, "maximum") is { } maximum)
            {
                var exclusive = Flag(schema, "exclusiveMaximum");
                if (exclusive ? number >= maximum : number > maximum)
                {
                    Add(path, $"{raw} is greater than the maximum {(exclusive ? "(exclusive) " : "")}{maximum}");
                }
            }

            // JSON Schema draft 6+: exclusiveMinimum/exclusiveMaximum are numbers, not flags.
            if (Number(schema, "exclusiveMinimum") is { } exclusiveMinimum && number <= exclusiveMinimum)
            {
                Add(path, $"{raw} must be greater than {exclusiveMinimum}");
            }

            if (Number(schema, "exclusiveMaximum") is { } exclusiveMaximum && number >= exclusiveMaximum)
            {
                Add(path, $"{raw} must be less than {exclusiveMaximum}");
            }

            if (Number(schema, "multipleOf") is { } multipleOf && multipleOf > 0 && Math.Abs(Math.IEEERemainder(number, multipleOf)) > 1e-9)
            {
                Add(path, $"{raw} is not a multiple of {multipleOf}");
            }
        }

        private void Add(string path, string message) => errors.Add(new SchemaError(path, message));
    }

    private static Regex? Compile(string pattern)
    {
        try
        {
            return new Regex(Re2EndAnchors(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>RE2's <c>$</c> matches only at the very end; .NET's also before a final newline. Rewrite it to <c>\z</c>.</summary>
    internal static string Re2EndAnchors(string pattern)
    {
        var result = new System.Text.StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }

            result.Append(c == '$' && !inClass ? "\\z" : c.ToString());
        }

        return result.ToString();
    }

    private static List<string> DeclaredTypes(JsonObject schema)
    {
        var types = new List<string>();
        switch (schema["type"])
        {
            case JsonValue single when single.TryGetValue(out string? name):
                types.Add(name);
                break;
            case JsonArray many:
                types.AddRange(many.Select(t => (t as JsonValue)?.TryGetValue(out string? n) == true ? n : null).OfType<string>());
                break;
            default:
                break;
        }

        if (Flag(schema, "x-kubernetes-int-or-string"))
        {
            types.Clear();
            types.Add("integer");
            types.Add("string");
        }

        return types;
    }

    private static string KindOf(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case JsonObject:
                return "object";
            case JsonArray:
                return "array";
            default:
                break;
        }

        var scalar = (JsonValue)value;
        return scalar.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Null => "null",
            JsonValueKind.Number => IsInteger(scalar.ToJsonString()) ? "integer" : "number",
            _ => "unknown",
        };
    }

    private static bool IsInteger(string raw) =>
        decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
            ? decimal.Truncate(exact) == exact
            : double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var approximate) && Math.Floor(approximate) == approximate;

    private static bool Flag(JsonObject schema, string name) =>
        schema[name] is JsonValue flag && flag.GetValueKind() is JsonValueKind.True;

    private static double? Number(JsonObject schema, string name) =>
        schema[name] is JsonValue value && value.GetValueKind() is JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    private static bool IsRfc3339(string text) =>
        Rfc3339().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    private static string Describe(JsonNode? value)
    {
        var json = value?.ToJsonString() ?? "null";
        return json.Length > 80 ? json[..77] + "..." : json;
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text.Length > 80 ? text[..77] + "..." : text);
}
