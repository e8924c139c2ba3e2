using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Crds;

/// <summary>
/// With the status subresource on, the root of the schema may only use the JSONSchemaProps fields in
/// allowedFieldsAtRootSchema (apiextensions validation.go), and its type must be object. Fields are visited in
/// the struct's declaration order and the first offending one is reported, as the Go loop does.
/// </summary>
internal static class RootSchemaFields
{
    private static readonly string[] Allowed =
    [
        "Description", "Type", "Format", "Title", "Maximum", "ExclusiveMaximum", "Minimum", "ExclusiveMinimum", "MaxLength",
        "MinLength", "Pattern", "MaxItems", "MinItems", "UniqueItems", "MultipleOf", "Required", "Items", "Properties",
        "ExternalDocs", "Example", "XPreserveUnknownFields", "XValidations",
    ];

    // apiextensions.JSONSchemaProps field order, with each field's JSON name and whether it is a plain (non-pointer) bool.
    private static readonly (string Field, string Json, bool PlainBool)[] Fields =
    [
        ("ID", "id", false), ("Schema", "$schema", false), ("Ref", "$ref", false), ("Description", "description", false),
        ("Type", "type", false), ("Nullable", "nullable", true), ("Format", "format", false), ("Title", "title", false),
        ("Default", "default", false), ("Maximum", "maximum", false), ("ExclusiveMaximum", "exclusiveMaximum", true),
        ("Minimum", "minimum", false), ("ExclusiveMinimum", "exclusiveMinimum", true), ("MaxLength", "maxLength", false),
        ("MinLength", "minLength", false), ("Pattern", "pattern", false), ("MaxItems", "maxItems", false),
        ("MinItems", "minItems", false), ("UniqueItems", "uniqueItems", true), ("MultipleOf", "multipleOf", false),
        ("Enum", "enum", false), ("MaxProperties", "maxProperties", false), ("MinProperties", "minProperties", false),
        ("Required", "required", false), ("Items", "items", false), ("AllOf", "allOf", false), ("OneOf", "oneOf", false),
        ("AnyOf", "anyOf", false), ("Not", "not", false), ("Properties", "properties", false),
        ("AdditionalProperties", "additionalProperties", false), ("PatternProperties", "patternProperties", false),
        ("Dependencies", "dependencies", false), ("AdditionalItems", "additionalItems", false),
        ("Definitions", "definitions", false), ("ExternalDocs", "externalDocs", false), ("Example", "example", false),
        ("XPreserveUnknownFields", "x-kubernetes-preserve-unknown-fields", false),
        ("XEmbeddedResource", "x-kubernetes-embedded-resource", true), ("XIntOrString", "x-kubernetes-int-or-string", true),
        ("XListMapKeys", "x-kubernetes-list-map-keys", false), ("XListType", "x-kubernetes-list-type", false),
        ("XMapType", "x-kubernetes-map-type", false), ("XValidations", "x-kubernetes-validations", false),
    ];

    public static void Check(JsonObject schema, FieldPath path, List<CrdFieldError> errors)
    {
        foreach (var (field, json, plainBool) in Fields)
        {
            if (!schema.TryGetPropertyValue(json, out var value) || IsZero(value, plainBool))
            {
                continue;
            }

            if (field == "Type")
            {
                var type = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value!.ToJsonString();
                if (type != "object")
                {
                    errors.Add(CrdFieldError.Invalid(path.Child("openAPIV3Schema.type"), type, "only \"object\" is allowed as the type at the root of the schema if the status subresource is enabled"));
                    return;
                }

                continue;
            }

            if (!Allowed.Contains(field))
            {
                errors.Add(CrdFieldError.Invalid(path.Child("openAPIV3Schema"), schema, $"only [{string.Join(" ", Allowed)}] fields are allowed at the root of the schema if the status subresource is enabled"));
                return;
            }
        }
    }

    /// <summary>The Go zero value: null, false for plain bools, "" for strings; pointers, slices and maps are set once present.</summary>
    private static bool IsZero(JsonNode? value, bool plainBool) => value switch
    {
        null => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => plainBool,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
        _ => false,
    };
}
