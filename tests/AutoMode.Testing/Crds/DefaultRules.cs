using System.Text.Json.Nodes;
using AutoMode.Testing.Schemas;
using static AutoMode.Testing.Crds.SchemaNode;

namespace AutoMode.Testing.Crds;

/// <summary>
/// structuraldefaulting.ValidateDefaults (apiextensions-apiserver pkg/apiserver/schema/defaulting/validation.go):
/// every default, walking properties and items (not additionalProperties, where defaults are forbidden), must survive
/// pruning unchanged ("must not have unknown fields", pruning/algorithm.go) and must validate against the schema of its
/// own node. The schema check uses <see cref="OpenApiSchemaValidator"/>: paths and error kinds follow the API server
/// (<c>…default</c> plus the path inside the value), the detail text is this validator's, not kube-openapi's.
/// NOT checked: ObjectMeta coercion of defaults inside embedded resources' metadata, and x-kubernetes-validations
/// (CEL) on defaults.
/// </summary>
internal static class DefaultRules
{
    private static readonly HashSet<string> MetaFields = new(StringComparer.Ordinal) { "apiVersion", "kind", "metadata" };

    private static readonly SchemaValidationOptions ValueOptions = new() { RejectUnknownFields = false, NullPropertiesAreAbsent = false };

    public static List<CrdFieldError> Validate(JsonObject rootSchema, FieldPath path)
    {
        var errors = new List<CrdFieldError>();
        var root = (JsonObject)rootSchema.DeepClone();
        root["x-kubernetes-embedded-resource"] = true; // ValidateDefaults(isResourceRoot: true)
        Walk(root, path, insideMeta: false, errors);
        return errors;
    }

    private static void Walk(JsonObject s, FieldPath path, bool insideMeta, List<CrdFieldError> errors)
    {
        var embedded = Flag(s, "x-kubernetes-embedded-resource");
        if (embedded)
        {
            insideMeta = false;
        }

        if (s["default"] is { } value)
        {
            var at = path.Child("default");
            if (!insideMeta)
            {
                var pruned = value.DeepClone();
                Pruning.Prune(pruned, s, isResourceRoot: embedded);
                if (!JsonNode.DeepEquals(pruned, value))
                {
                    errors.Add(CrdFieldError.Invalid(at, value, "must not have unknown fields"));
                }
            }

            var node = (JsonObject)s.DeepClone();
            node.Remove("x-kubernetes-embedded-resource");
            foreach (var error in OpenApiSchemaValidator.Validate(node, value.DeepClone(), ValueOptions))
            {
                var field = error.Path.Length == 0 ? at : at.Child(error.Path);
                errors.Add(error.Keyword == "required"
                    ? CrdFieldError.Required(field, "")
                    : CrdFieldError.Invalid(field, ValueAt(value, error.InstancePointer), error.Message));
            }
        }

        if (Obj(s, "items") is { } items)
        {
            Walk(items, path.Child("items"), insideMeta, errors);
        }

        foreach (var (name, property) in Properties(s))
        {
            Walk(property as JsonObject ?? [], path.Child("properties").Key(name), insideMeta || (embedded && MetaFields.Contains(name)), errors);
        }
    }

    private static JsonNode? ValueAt(JsonNode value, IReadOnlyList<string> pointer)
    {
        JsonNode? node = value;
        foreach (var token in pointer)
        {
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }
}
