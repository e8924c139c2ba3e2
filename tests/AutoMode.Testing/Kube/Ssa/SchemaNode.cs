using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube.Ssa;

/// <summary>
/// One node of a CRD's structural schema, reduced to what server-side apply, pruning and defaulting read. The list and
/// map semantics follow kube-openapi's conversion of an OpenAPI schema into a structured-merge-diff schema
/// (kubernetes/kube-openapi pkg/schemaconv/smd.go, getListElementRelationship / getMapElementRelationship): a list
/// without <c>x-kubernetes-list-type</c> is atomic, <c>set</c> merges by value, <c>map</c> by the
/// <c>x-kubernetes-list-map-keys</c> fields; an object is granular unless <c>x-kubernetes-map-type: atomic</c>.
/// Inside <c>x-kubernetes-preserve-unknown-fields</c> the untyped "deduced" type applies (maps granular, lists atomic,
/// every key undeclared).
/// </summary>
internal sealed class SchemaNode
{
    /// <summary>structured-merge-diff's <c>__untyped_deduced_</c>: maps granular (each key owned as such), lists atomic.</summary>
    public static readonly SchemaNode Deduced = new() { PreserveUnknownFields = true, IsDeduced = true };

    /// <summary>
    /// For a kind registered without a schema: like a CRD schema that declares every field it is sent (maps granular,
    /// lists atomic, nothing pruned or defaulted). The real server has no such kind; this keeps the fake usable for
    /// tests that do not care about a schema.
    /// </summary>
    public static readonly SchemaNode Open = new() { PreserveUnknownFields = true, DeclaresEveryField = true };

    /// <summary>The root of a kind registered without a schema: <see cref="Open"/>, with ObjectMeta's <see cref="Metadata"/>.</summary>
    public static readonly SchemaNode OpenRoot = new() { PreserveUnknownFields = true, DeclaresEveryField = true };

    public Dictionary<string, SchemaNode> Properties { get; } = new(StringComparer.Ordinal);

    public SchemaNode? AdditionalProperties { get; private set; }

    public SchemaNode? Items { get; private set; }

    public bool PreserveUnknownFields { get; private set; }

    public bool EmbeddedResource { get; private set; }

    public bool MapAtomic { get; private set; }

    /// <summary><c>atomic</c>, <c>set</c> or <c>map</c>.</summary>
    public string ListType { get; private set; } = "atomic";

    public IReadOnlyList<string> ListMapKeys { get; private set; } = [];

    public JsonNode? Default { get; private set; }

    public bool Nullable { get; private set; }

    private bool IsDeduced { get; init; }

    private bool DeclaresEveryField { get; init; }

    /// <summary>The schema of a field of an object, and whether the field is declared (structured-merge-diff owns undeclared map keys as items).</summary>
    public SchemaNode? Child(string key, out bool declared)
    {
        if (DeclaresEveryField)
        {
            declared = true;
            return key == "metadata" && ReferenceEquals(this, OpenRoot) ? Metadata : Open;
        }

        if (Properties.TryGetValue(key, out var property))
        {
            declared = true;
            return property;
        }

        declared = false;
        if (AdditionalProperties is not null)
        {
            return AdditionalProperties;
        }

        return PreserveUnknownFields || IsDeduced ? Deduced : null;
    }

    /// <summary>True when a list item is identified by its value (<c>set</c>) or its key fields (<c>map</c>), not atomic.</summary>
    public bool IsAssociativeList => ListType is "set" or "map";

    /// <summary>Builds the tree of an <c>openAPIV3Schema</c> (or a JSON Schema dump of one).</summary>
    public static SchemaNode From(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var node = new SchemaNode
        {
            PreserveUnknownFields = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true,
            EmbeddedResource = schema["x-kubernetes-embedded-resource"]?.GetValue<bool>() == true,
            MapAtomic = (string?)schema["x-kubernetes-map-type"] == "atomic",
            ListType = (string?)schema["x-kubernetes-list-type"] ?? "atomic",
            ListMapKeys = schema["x-kubernetes-list-map-keys"] is JsonArray keys ? keys.Select(k => k!.GetValue<string>()).ToList() : [],
            Default = schema["default"]?.DeepClone(),
            Nullable = schema["nullable"]?.GetValue<bool>() == true,
        };
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in properties)
            {
                if (value is JsonObject property)
                {
                    node.Properties[name] = From(property);
                }
            }
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            node.AdditionalProperties = From(additional);
        }
        else if (schema["additionalProperties"] is JsonValue allowed && allowed.GetValue<bool>())
        {
            node.AdditionalProperties = Deduced;
        }

        if (schema["items"] is JsonObject items)
        {
            node.Items = From(items);
        }

        return node;
    }

    /// <summary>
    /// A resource's root: the CRD's schema with <c>metadata</c> replaced by ObjectMeta's own, as the API server does
    /// (apiextensions serves ObjectMeta from the built-in OpenAPI; a CRD may only restrict name and generateName).
    /// </summary>
    public static SchemaNode Root(JsonObject openApiV3Schema)
    {
        var root = From(openApiV3Schema);
        root.Properties["metadata"] = Metadata;
        return root;
    }

    /// <summary>
    /// The ownable part of ObjectMeta (kubernetes/apimachinery pkg/apis/meta/v1/types.go): labels and annotations are
    /// granular string maps, <c>finalizers</c> is <c>+listType=set</c>, <c>ownerReferences</c> is
    /// <c>+listType=map +listMapKey=uid</c>. The other metadata fields are never owned (stripMetaManager).
    /// </summary>
    public static readonly SchemaNode Metadata = BuildMetadata();

    private static SchemaNode BuildMetadata()
    {
        var scalar = new SchemaNode();
        var metadata = new SchemaNode { PreserveUnknownFields = true };
        metadata.Properties["labels"] = new SchemaNode { AdditionalProperties = scalar };
        metadata.Properties["annotations"] = new SchemaNode { AdditionalProperties = scalar };
        metadata.Properties["finalizers"] = new SchemaNode { ListType = "set", Items = scalar };
        var ownerReference = new SchemaNode();
        foreach (var field in new[] { "apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion" })
        {
            ownerReference.Properties[field] = scalar;
        }

        metadata.Properties["ownerReferences"] = new SchemaNode { ListType = "map", ListMapKeys = ["uid"], Items = ownerReference };
        return metadata;
    }
}
