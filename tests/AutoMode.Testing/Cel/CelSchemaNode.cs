using System.Text.Json.Nodes;

namespace AutoMode.Testing.Cel;

/// <summary>
/// One node of a CRD's openAPIV3Schema with its compiled <c>x-kubernetes-validations</c>, like the Validator tree in
/// kubernetes/kubernetes staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go: rules at
/// a node apply to the value there; <c>items</c> rules to each element; <c>additionalProperties</c> rules to each map
/// value; <c>allOf</c> rules at the same node. anyOf/oneOf branches carry no rules in a structural schema.
/// </summary>
public sealed class CelSchemaNode
{
    private CelSchemaNode(JsonObject schema, string schemaPath)
    {
        Schema = schema;
        SchemaPath = schemaPath;
        Type = (string?)schema["type"] ?? string.Empty;
        ListType = (string?)schema["x-kubernetes-list-type"];
        ListMapKeys = [.. (schema["x-kubernetes-list-map-keys"] as JsonArray ?? []).Select(k => (string)k!)];
        MapType = (string?)schema["x-kubernetes-map-type"];
    }

    /// <summary>The schema node itself.</summary>
    public JsonObject Schema { get; }

    /// <summary>Where the node sits in the schema, e.g. <c>.properties.spec.properties.subnets.items</c>.</summary>
    public string SchemaPath { get; }

    /// <summary>The schema <c>type</c>; empty for int-or-string and preserve-unknown-fields nodes.</summary>
    public string Type { get; }

    public string? ListType { get; }

    public IReadOnlyList<string> ListMapKeys { get; }

    public string? MapType { get; }

    public Dictionary<string, CelSchemaNode> Properties { get; } = new(StringComparer.Ordinal);

    public CelSchemaNode? Items { get; private set; }

    public CelSchemaNode? AdditionalProperties { get; private set; }

    /// <summary>The node's rules, those of its allOf branches included.</summary>
    public List<CelRule> Rules { get; } = [];

    /// <summary>The schema of a child field: a property, else the additionalProperties schema.</summary>
    public CelSchemaNode? Child(string key) => Properties.TryGetValue(key, out var p) ? p : AdditionalProperties;

    /// <summary>This node and every node below it.</summary>
    public IEnumerable<CelSchemaNode> Descendants()
    {
        yield return this;
        foreach (var child in Properties.Values.Append(Items).Append(AdditionalProperties).OfType<CelSchemaNode>())
        {
            foreach (var node in child.Descendants())
            {
                yield return node;
            }
        }
    }

    /// <summary>Builds the tree and compiles every rule with <paramref name="compile"/>.</summary>
    public static CelSchemaNode Build(JsonObject schema, Func<JsonObject, CelSchemaNode, CelRule> compile, string schemaPath = "")
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(compile);
        var node = new CelSchemaNode(schema, schemaPath);
        foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
        {
            if (property is JsonObject p)
            {
                node.Properties[name] = Build(p, compile, $"{schemaPath}.properties.{name}");
            }
        }

        if (schema["items"] is JsonObject items)
        {
            node.Items = Build(items, compile, schemaPath + ".items");
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            node.AdditionalProperties = Build(additional, compile, schemaPath + ".additionalProperties");
        }

        var sources = new[] { schema }.Concat((schema["allOf"] as JsonArray ?? []).OfType<JsonObject>());
        foreach (var source in sources)
        {
            foreach (var rule in (source["x-kubernetes-validations"] as JsonArray ?? []).OfType<JsonObject>())
            {
                node.Rules.Add(compile(rule, node));
            }
        }

        return node;
    }
}
