using System.Text.Json.Nodes;
using static AutoMode.Testing.Crds.SchemaNode;

namespace AutoMode.Testing.Crds;

/// <summary>
/// pruning.Prune from apiextensions-apiserver pkg/apiserver/schema/pruning/algorithm.go: drops every object field the
/// schema does not declare, except below x-kubernetes-preserve-unknown-fields and the apiVersion/kind/metadata of an
/// embedded resource. additionalProperties: true (no schema) keeps the keys but prunes everything below them.
/// </summary>
internal static class Pruning
{
    private static readonly HashSet<string> MetaFields = new(StringComparer.Ordinal) { "apiVersion", "kind", "metadata" };

    public static void Prune(JsonNode? value, JsonObject? schema, bool isResourceRoot)
    {
        if (isResourceRoot)
        {
            schema = (JsonObject?)schema?.DeepClone() ?? [];
            schema["x-kubernetes-embedded-resource"] = true;
        }

        PruneNode(value, schema);
    }

    private static void PruneNode(JsonNode? value, JsonObject? schema)
    {
        if (schema is not null && Flag(schema, "x-kubernetes-preserve-unknown-fields"))
        {
            SkipPrune(value, schema);
            return;
        }

        switch (value)
        {
            case JsonObject obj when schema is null:
                obj.Clear();
                break;
            case JsonObject obj:
                var embedded = Flag(schema, "x-kubernetes-embedded-resource");
                foreach (var (key, child) in obj.ToList())
                {
                    if (embedded && MetaFields.Contains(key))
                    {
                        continue;
                    }

                    if (Properties(schema)[key] is JsonObject property)
                    {
                        PruneNode(child, property);
                    }
                    else if (Has(schema, "additionalProperties"))
                    {
                        PruneNode(child, Obj(schema, "additionalProperties"));
                    }
                    else
                    {
                        obj.Remove(key);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    PruneNode(item, schema is null ? null : Obj(schema, "items"));
                }

                break;
            default:
                break;
        }
    }

    private static void SkipPrune(JsonNode? value, JsonObject schema)
    {
        switch (value)
        {
            case JsonObject obj:
                var embedded = Flag(schema, "x-kubernetes-embedded-resource");
                foreach (var (key, child) in obj.ToList())
                {
                    if (embedded && MetaFields.Contains(key))
                    {
                        continue;
                    }

                    if (Properties(schema)[key] is JsonObject property)
                    {
                        PruneNode(child, property);
                    }
                    else if (Has(schema, "additionalProperties"))
                    {
                        PruneNode(child, Obj(schema, "additionalProperties"));
                    }
                }

                break;
            case JsonArray array when Obj(schema, "items") is { } items:
                foreach (var item in array)
                {
                    SkipPrune(item, items);
                }

                break;
            default:
                break;
        }
    }
}
