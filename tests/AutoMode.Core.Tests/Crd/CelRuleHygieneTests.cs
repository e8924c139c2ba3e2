using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AutoMode.Core.Tests.Crd;

/// <summary>
/// Keeps the CEL rules compilable on a real API server and within its cost budget: only functions Kubernetes
/// supports without the strings extension, and every list/map/string a rule iterates or scans is bounded.
/// </summary>
public sealed partial class CelRuleHygieneTests
{
    /// <summary>CEL standard functions and macros plus the Kubernetes regex library (find, 1.27+). No strings extension (split, lowerAscii, ...).</summary>
    private static readonly HashSet<string> AllowedFunctions = new(StringComparer.Ordinal)
    {
        "size", "all", "exists", "exists_one", "has", "matches", "startsWith", "endsWith", "contains",
        "duration", "timestamp", "int", "uint", "double", "string", "bool", "type", "dyn", "find", "findAll",
        "map", "filter",
    };

    private static readonly HashSet<string> Iterating = new(StringComparer.Ordinal) { "all", "exists", "exists_one", "map", "filter" };

    private static readonly HashSet<string> Scanning = new(StringComparer.Ordinal) { "matches", "find", "findAll", "contains" };

    public static TheoryData<string, string> Rules()
    {
        var rows = new TheoryData<string, string>();
        foreach (var (path, node, _) in SchemaNodes(CrdSchemaTests.Schema, "<root>"))
        {
            foreach (var rule in node["x-kubernetes-validations"]?.AsArray() ?? [])
            {
                rows.Add(path, (string)rule!["rule"]!);
            }
        }

        return rows;
    }

    [Fact]
    public void Crd_HasManyRules() => Assert.True(Rules().Count >= 50);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_UsesOnlySupportedFunctions(string path, string rule)
    {
        var used = FunctionCall().Matches(StripStrings(rule)).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        Assert.True(used.IsSubsetOf(AllowedFunctions), $"{path}: {rule} uses {string.Join(", ", used.Except(AllowedFunctions))}");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_IteratesAndScansOnlyBoundedValues(string path, string rule)
    {
        var node = SchemaNodes(CrdSchemaTests.Schema, "<root>").Single(n => n.Path == path).Node;
        var code = StripStrings(rule);
        var bound = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);

        foreach (Match call in ReceiverCall().Matches(code))
        {
            var receiver = call.Groups["receiver"].Value;
            var function = call.Groups["name"].Value;
            if (!Iterating.Contains(function) && !Scanning.Contains(function))
            {
                continue;
            }

            var target = Resolve(node, receiver, bound, out var known);
            Assert.True(known, $"{path}: cannot resolve '{receiver}' in {rule}; keep receivers to self, self.field or macro variables");
            if (Iterating.Contains(function))
            {
                var isMap = target?["additionalProperties"] is JsonObject;
                var limit = isMap ? target?["maxProperties"] : target?["maxItems"];
                Assert.True(limit is not null, $"{path}: '{receiver}.{function}' iterates a {(isMap ? "map without maxProperties" : "list without maxItems")}");
                var variable = call.Groups["var"].Value;
                if (variable.Length > 0)
                {
                    // Map keys cannot carry maxLength; the map's maxProperties bounds them, as in the Auto Mode NodePool CRD.
                    bound[variable] = isMap ? null : target?["items"];
                }
            }
            else
            {
                Assert.True(target is null || target["maxLength"] is not null || target["enum"] is not null, $"{path}: '{receiver}.{function}' scans a string without maxLength");
            }
        }
    }

    [Fact]
    public void EveryProperty_HasADescription()
    {
        // Except the root metadata: a real API server refuses a CRD that describes it (apiextensions-apiserver
        // pkg/apiserver/schema/validation.go, validateStructuralMetadataInvariants), as this test once demanded.
        var missing = SchemaNodes(CrdSchemaTests.Schema, "<root>")
            .Where(n => n.IsProperty && n.Path != "<root>.metadata" && string.IsNullOrWhiteSpace((string?)n.Node["description"]))
            .Select(n => n.Path)
            .ToList();

        Assert.True(missing.Count == 0, "no description: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryUserProvidedListMapAndFreeString_IsBounded()
    {
        var spec = CrdSchemaTests.Schema["properties"]!["spec"]!;
        var unbounded = SchemaNodes(spec, "spec")
            .Where(n => (string?)n.Node["type"] switch
            {
                "array" => n.Node["maxItems"] is null,
                "object" => n.Node["additionalProperties"] is JsonObject && n.Node["maxProperties"] is null,
                "string" => n.Node["maxLength"] is null && n.Node["enum"] is null,
                _ => false,
            })
            .Select(n => n.Path)
            .ToList();

        Assert.True(unbounded.Count == 0, "unbounded: " + string.Join(", ", unbounded));
    }

    [Fact]
    public void Resolve_FlagsAnUnboundedList()
    {
        var schema = JsonNode.Parse("""{"type": "object", "properties": {"xs": {"type": "array", "items": {"type": "string"}}}}""")!;

        var target = Resolve(schema, "self.xs", [], out var known);

        Assert.True(known);
        Assert.Null(target!["maxItems"]);
    }

    private static JsonNode? Resolve(JsonNode node, string receiver, Dictionary<string, JsonNode?> bound, out bool known)
    {
        known = true;
        var parts = receiver.Split('.');
        JsonNode? current;
        if (parts[0] is "self" or "oldSelf")
        {
            // A transition rule's oldSelf has the same schema, and so the same bounds, as self.
            current = node;
        }
        else if (bound.TryGetValue(parts[0].Split('[')[0], out var variable))
        {
            current = variable;
        }
        else
        {
            known = false;
            return null;
        }

        if (receiver == "self.metadata.name")
        {
            return null; // bounded by Kubernetes (253) and checked for size first
        }

        foreach (var part in parts.Skip(1).Prepend(parts[0]).Select((p, i) => (p, i)))
        {
            var name = part.p.Split('[')[0];
            if (part.i > 0)
            {
                current = current?["properties"]?[name];
                if (current is null)
                {
                    known = false;
                    return null;
                }
            }

            for (var n = part.p.Count(c => c == '['); n > 0; n--)
            {
                current = current?["items"];
            }
        }

        return current;
    }

    private static IEnumerable<(string Path, JsonNode Node, bool IsProperty)> SchemaNodes(JsonNode node, string path, bool isProperty = false)
    {
        yield return (path, node, isProperty);
        foreach (var (name, child) in node["properties"]?.AsObject() ?? [])
        {
            foreach (var inner in SchemaNodes(child!, path + "." + name, isProperty: true))
            {
                yield return inner;
            }
        }

        foreach (var key in new[] { "items", "additionalProperties" })
        {
            if (node[key] is JsonObject child)
            {
                foreach (var inner in SchemaNodes(child, path + (key == "items" ? "[]" : "{}")))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string StripStrings(string rule) => StringLiteral().Replace(rule, "''");

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'|""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(")]
    private static partial Regex FunctionCall();

    [GeneratedRegex(@"(?<receiver>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])*)\.(?<name>[A-Za-z_][A-Za-z0-9_]*)\(\s*(?:(?<var>[A-Za-z_][A-Za-z0-9_]*)\s*,)?")]
    private static partial Regex ReceiverCall();
}
