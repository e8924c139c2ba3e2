using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube.Ssa;

/// <summary>
/// What the API server does to a custom resource every time it decodes one, from a request body or from etcd
/// (kubernetes/apiextensions-apiserver pkg/apiserver/customresource_handler.go, unstructuredSchemaCoercer.apply and
/// unstructuredDefaulter): prune unknown fields, drop nulls the schema neither allows nor defaults, then apply
/// defaults. apiVersion, kind and metadata are left alone at the root (ObjectMeta has its own handling).
/// </summary>
internal static class StructuralCoercion
{
    public static void Coerce(JsonObject obj, SchemaNode root)
    {
        ArgumentNullException.ThrowIfNull(obj);
        Prune(obj, root, isRoot: true);
        PruneNonNullableNullsWithoutDefaults(obj, root);
        Default(obj, root);
    }

    /// <summary>
    /// Structural pruning (apiextensions-apiserver pkg/apiserver/schema/pruning/algorithm.go): a field neither in
    /// <c>properties</c> nor allowed by <c>additionalProperties</c> is removed, unless the node has
    /// <c>x-kubernetes-preserve-unknown-fields</c>; apiVersion, kind and metadata survive at the root and in embedded resources.
    /// </summary>
    public static void Prune(JsonNode? value, SchemaNode? schema, bool isRoot = false)
    {
        if (schema is null)
        {
            return;
        }

        switch (value)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if ((isRoot || schema.EmbeddedResource) && key is "apiVersion" or "kind" or "metadata")
                    {
                        continue;
                    }

                    if (schema.Properties.TryGetValue(key, out var property))
                    {
                        Prune(child, property);
                    }
                    else if (schema.AdditionalProperties is { } additional)
                    {
                        Prune(child, additional);
                    }
                    else if (!schema.PreserveUnknownFields)
                    {
                        obj.Remove(key);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Prune(item, schema.Items);
                }

                break;
        }
    }

    /// <summary>apiextensions-apiserver pkg/apiserver/schema/defaulting/prunenulls.go: a null the schema neither allows (nullable) nor defaults is removed.</summary>
    public static void PruneNonNullableNullsWithoutDefaults(JsonNode? value, SchemaNode? schema)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    var childSchema = SchemaFor(schema, key);
                    if (child is null && childSchema is not null && !childSchema.Nullable && childSchema.Default is null)
                    {
                        obj.Remove(key);
                    }
                    else
                    {
                        PruneNonNullableNullsWithoutDefaults(child, childSchema);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    PruneNonNullableNullsWithoutDefaults(item, schema?.Items);
                }

                break;
        }
    }

    /// <summary>
    /// apiextensions-apiserver pkg/apiserver/schema/defaulting/algorithm.go: a property with a default is set when it is
    /// missing (or a non-nullable null), then defaulting descends into what exists. So the defaults of an object's
    /// fields apply only where that object is present, or is itself created by its parent's default.
    /// </summary>
    public static void Default(JsonNode? value, SchemaNode? schema)
    {
        if (schema is null)
        {
            return;
        }

        switch (value)
        {
            case JsonObject obj:
                foreach (var (key, property) in schema.Properties)
                {
                    if (property.Default is null)
                    {
                        continue;
                    }

                    if (!obj.TryGetPropertyValue(key, out var existing) || (existing is null && !property.Nullable))
                    {
                        obj[key] = property.Default.DeepClone();
                    }
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (schema.Properties.TryGetValue(key, out var property))
                    {
                        Default(child, property);
                    }
                    else if (schema.AdditionalProperties is { } additional)
                    {
                        if (child is null && !additional.Nullable && additional.Default is not null)
                        {
                            obj[key] = additional.Default.DeepClone();
                        }

                        Default(obj[key], additional);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is null && schema.Items is { Nullable: false, Default: { } itemDefault })
                    {
                        array[i] = itemDefault.DeepClone();
                    }

                    Default(array[i], schema.Items);
                }

                break;
        }
    }

    // A kind registered without a schema behaves as if every field were declared non-nullable without a default.
    private static SchemaNode? SchemaFor(SchemaNode? schema, string key) =>
        schema is null ? null
        : ReferenceEquals(schema, SchemaNode.Open) || ReferenceEquals(schema, SchemaNode.OpenRoot) ? SchemaNode.Open
        : schema.Properties.GetValueOrDefault(key) ?? schema.AdditionalProperties;
}
