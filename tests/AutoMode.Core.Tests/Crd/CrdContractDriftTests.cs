using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Tests.Crd;

/// <summary>Keeps the C# System.Text.Json contract of WorkloadClass and the CRD schema in step, property by property.</summary>
public sealed class CrdContractDriftTests
{
    private static readonly JsonSerializerOptions Options = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    [Fact]
    public void SpecAndStatus_MatchTheCrdSchemaExactly()
    {
        var problems = new List<string>();
        var root = CrdSchemaTests.Schema;

        Compare(typeof(V1Alpha1WorkloadClassSpec), root["properties"]!["spec"]!, "spec", problems);
        Compare(typeof(V1Alpha1WorkloadClassStatus), root["properties"]!["status"]!, "status", problems);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Drift_IsDetectedForAMissingProperty()
    {
        var schema = JsonNode.Parse("""{"type": "object", "properties": {"min": {"type": "integer"}, "extra": {"type": "string"}}}""")!;
        var problems = new List<string>();

        Compare(typeof(IntRange), schema, "range", problems);

        Assert.Contains(problems, p => p.Contains("range.max", StringComparison.Ordinal) && p.Contains("missing in the CRD", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("range.extra", StringComparison.Ordinal) && p.Contains("missing in C#", StringComparison.Ordinal));
    }

    private static void Compare(Type type, JsonNode schema, string path, List<string> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var kind = SchemaKind(schema);
        if (type == typeof(string))
        {
            Expect(kind is "string" or "int-or-string", path, $"C# string but schema {kind}", problems);
            return;
        }

        if (type == typeof(int) || type == typeof(long))
        {
            Expect(kind == "integer", path, $"C# {type.Name} but schema {kind}", problems);
            var format = (string?)schema["format"];
            Expect(format == (type == typeof(int) ? "int32" : "int64"), path, $"C# {type.Name} but schema format {format ?? "(none)"}", problems);
            return;
        }

        if (type == typeof(bool))
        {
            Expect(kind == "boolean", path, $"C# bool but schema {kind}", problems);
            return;
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            Expect(kind == "string" && (string?)schema["format"] == "date-time", path, "C# timestamp but schema is not a date-time string", problems);
            return;
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            Expect(kind == "object" && schema["additionalProperties"] is JsonObject, path, $"C# map but schema {kind} without additionalProperties", problems);
            if (schema["additionalProperties"] is JsonObject values)
            {
                Compare(valueType, values, path + "{}", problems);
            }

            return;
        }

        if (ListItemType(type) is { } itemType)
        {
            Expect(kind == "array", path, $"C# list but schema {kind}", problems);
            if (schema["items"] is JsonObject items)
            {
                Compare(itemType, items, path + "[]", problems);
            }

            return;
        }

        Expect(kind == "object", path, $"C# object {type.Name} but schema {kind}", problems);
        var properties = schema["properties"]?.AsObject() ?? [];
        var contract = Options.GetTypeInfo(type).Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, property) in contract)
        {
            if (properties[name] is { } child)
            {
                Compare(property.PropertyType, child, path + "." + name, problems);
            }
            else
            {
                problems.Add($"{path}.{name}: in C# ({type.Name}) but missing in the CRD");
            }
        }

        foreach (var (name, _) in properties)
        {
            if (!contract.ContainsKey(name))
            {
                problems.Add($"{path}.{name}: in the CRD but missing in C# ({type.Name})");
            }
        }
    }

    private static string SchemaKind(JsonNode schema) =>
        (bool?)schema["x-kubernetes-int-or-string"] == true ? "int-or-string" : (string?)schema["type"] ?? "(untyped)";

    private static Type? DictionaryValueType(Type type)
    {
        var map = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return map?.GetGenericArguments()[1];
    }

    private static Type? ListItemType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var list = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>));
        return list?.GetGenericArguments()[0];
    }

    private static void Expect(bool condition, string path, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add($"{path}: {problem}");
        }
    }
}
