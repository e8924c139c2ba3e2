using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static AutoMode.Testing.Crds.SchemaNode;

namespace AutoMode.Testing.Crds;

/// <summary>
/// Structural-schema rules of kubernetes/kubernetes staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema:
/// NewStructural's refusals (convert.go), ValidateStructural (validation.go: validateStructuralInvariants,
/// validateStructuralMetadataInvariants, validateValueValidation, validateNestedValueValidation) and
/// validateStructuralCompleteness (complete.go), with the options the CRD path uses (no nested additionalProperties,
/// no nested x-kubernetes-validations).
/// </summary>
internal static partial class StructuralRules
{
    private enum Level
    {
        Root,
        Item,
        Field,
    }

    /// <summary>NewStructural's error for a schema it cannot convert, or null. Checked depth first in the Go order.</summary>
    public static string? ConversionError(JsonObject? s, bool nested = false)
    {
        if (s is null)
        {
            return null;
        }

        if (Unsupported(s) is { } unsupported)
        {
            return unsupported;
        }

        if (ConversionError(Obj(s, "not"), nested: true) is { } inNot)
        {
            return inNot;
        }

        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            foreach (var (_, branch) in Branches(s, keyword))
            {
                if (ConversionError(branch, nested: true) is { } inBranch)
                {
                    return inBranch;
                }
            }
        }

        if (ConversionError(Obj(s, "additionalProperties")) is { } inAdditional)
        {
            return inAdditional;
        }

        if (s["x-kubernetes-preserve-unknown-fields"] is JsonValue && !Flag(s, "x-kubernetes-preserve-unknown-fields"))
        {
            return "internal error: 'x-kubernetes-preserve-unknown-fields' must be true or undefined";
        }

        if (s["items"] is JsonArray { Count: > 0 })
        {
            return "OpenAPIV3Schema 'items' must be a schema, but is an array";
        }

        if (ConversionError(Obj(s, "items"), nested) is { } inItems)
        {
            return inItems;
        }

        foreach (var (_, property) in Properties(s))
        {
            if (ConversionError(property as JsonObject ?? [], nested) is { } inProperty)
            {
                return inProperty;
            }
        }

        return null;
    }

    private static string? Unsupported(JsonObject s)
    {
        if (Str(s, "id").Length > 0)
        {
            return "OpenAPIV3Schema 'id' is not supported";
        }

        if (Str(s, "$schema").Length > 0)
        {
            return "OpenAPIV3Schema 'schema' is not supported";
        }

        if (Str(s, "$ref").Length > 0)
        {
            return "OpenAPIV3Schema '$ref' is not supported";
        }

        if (Obj(s, "patternProperties") is { Count: > 0 })
        {
            return "OpenAPIV3Schema 'patternProperties' is not supported";
        }

        if (Obj(s, "dependencies") is { Count: > 0 })
        {
            return "OpenAPIV3Schema 'dependencies' is not supported";
        }

        if (Has(s, "additionalItems"))
        {
            return "OpenAPIV3Schema 'additionalItems' is not supported";
        }

        return Obj(s, "definitions") is { Count: > 0 } ? "OpenAPIV3Schema 'definitions' is not supported" : null;
    }

    /// <summary>ValidateStructural: invariants plus completeness, sorted by message as the API server sorts them.</summary>
    public static List<CrdFieldError> Validate(JsonObject schema, FieldPath path)
    {
        var errors = new List<CrdFieldError>();
        Invariants(schema, Level.Root, path, errors);
        Completeness(schema, schema, path, path, errors);
        errors.Sort((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
        return errors;
    }

    private static void Invariants(JsonObject? s, Level level, FieldPath path, List<CrdFieldError> errors)
    {
        if (s is null)
        {
            return;
        }

        var type = Str(s, "type");
        if (type == "array" && Obj(s, "items") is null)
        {
            errors.Add(CrdFieldError.Required(path.Child("items"), "must be specified"));
        }

        Invariants(Obj(s, "items"), Level.Item, path.Child("items"), errors);
        foreach (var (name, property) in Properties(s))
        {
            Invariants(property as JsonObject ?? [], Level.Field, path.Child("properties").Key(name), errors);
        }

        var hasAdditional = Has(s, "additionalProperties");
        if (hasAdditional)
        {
            if (level == Level.Root)
            {
                errors.Add(CrdFieldError.Forbidden(path.Child("additionalProperties"), "must not be used at the root"));
            }

            Invariants(Obj(s, "additionalProperties"), Level.Field, path.Child("additionalProperties"), errors);
        }

        var intOrString = Flag(s, "x-kubernetes-int-or-string");
        var preserve = Flag(s, "x-kubernetes-preserve-unknown-fields");
        var embedded = Flag(s, "x-kubernetes-embedded-resource");
        if (intOrString && preserve)
        {
            errors.Add(CrdFieldError.Invalid(path.Child("x-kubernetes-preserve-unknown-fields"), JsonValue.Create(true), "must be false if x-kubernetes-int-or-string is true"));
        }

        if (intOrString && embedded)
        {
            errors.Add(CrdFieldError.Invalid(path.Child("x-kubernetes-embedded-resource"), JsonValue.Create(true), "must be false if x-kubernetes-int-or-string is true"));
        }

        ValueValidation(s, IsIntOrStringAnyOf(Arr(s, "anyOf")), Branches(s, "allOf").FirstOrDefault() is { Schema: { } first } && IsIntOrStringAnyOf(Arr(first, "anyOf")), level, path, errors);

        var checkMetadata = level == Level.Root || embedded;
        if (embedded && type != "object")
        {
            errors.Add(type.Length == 0
                ? CrdFieldError.Required(path.Child("type"), "must be object if x-kubernetes-embedded-resource is true")
                : CrdFieldError.Invalid(path.Child("type"), type, "must be object if x-kubernetes-embedded-resource is true"));
        }
        else if (type.Length == 0 && !intOrString && !preserve)
        {
            errors.Add(CrdFieldError.Required(path.Child("type"), level switch
            {
                Level.Root => "must not be empty at the root",
                Level.Item => "must not be empty for specified array items",
                _ => "must not be empty for specified object fields",
            }));
        }

        if (embedded && hasAdditional)
        {
            errors.Add(CrdFieldError.Forbidden(path.Child("additionalProperties"), "must not be used if x-kubernetes-embedded-resource is set"));
        }

        if (level == Level.Root && type.Length > 0 && type != "object")
        {
            errors.Add(CrdFieldError.Invalid(path.Child("type"), type, "must be object at the root"));
        }

        var properties = Properties(s);
        foreach (var meta in new[] { "kind", "apiVersion" })
        {
            if (checkMetadata && properties[meta] is JsonObject metaSchema && Str(metaSchema, "type") != "string")
            {
                errors.Add(CrdFieldError.Invalid(path.Child("properties").Key(meta).Child("type"), Str(metaSchema, "type"), "must be string"));
            }
        }

        if (properties[("metadata")] is JsonObject metadata)
        {
            MetadataInvariants(metadata, checkMetadata, level, path.Child("properties").Key("metadata"), errors);
        }

        if (embedded && !preserve && properties.Count == 0)
        {
            errors.Add(CrdFieldError.Required(path.Child("properties"), "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"));
        }
    }

    /// <summary>
    /// validateStructuralMetadataInvariants: at the root, metadata may say it is an object and restrict name and/or
    /// generateName, nothing else (a description included: that is today's bug). Keys NewStructural drops
    /// (externalDocs, example) and the default (checked elsewhere) do not count.
    /// </summary>
    private static void MetadataInvariants(JsonObject metadata, bool checkMetadata, Level level, FieldPath path, List<CrdFieldError> errors)
    {
        var type = Str(metadata, "type");
        if (checkMetadata && type != "object")
        {
            errors.Add(CrdFieldError.Invalid(path.Child("type"), type, "must be object"));
        }

        if (level != Level.Root)
        {
            return;
        }

        var implicitlySpecified = metadata.Any(entry => entry.Key switch
        {
            "type" or "default" or "externalDocs" or "example" => false,
            "properties" => !OnlyNameOrGenerateName(entry.Value as JsonObject ?? []),
            "enum" or "allOf" or "anyOf" or "oneOf" => entry.Value is JsonArray { Count: > 0 },
            _ => IsSet(entry.Value),
        });
        if (implicitlySpecified)
        {
            errors.Add(CrdFieldError.Forbidden(path, "must not specify anything other than name and generateName, but metadata is implicitly specified"));
        }
    }

    private static bool OnlyNameOrGenerateName(JsonObject properties)
    {
        var name = properties.ContainsKey("name");
        var generateName = properties.ContainsKey("generateName");
        return properties.Count == 0 || (name && generateName && properties.Count == 2) || ((name || generateName) && properties.Count == 1);
    }

    /// <summary>Not the Go zero value once decoded: false, "" and null are zero; any array or object is set.</summary>
    private static bool IsSet(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.GetValueKind() is JsonValueKind.False or JsonValueKind.Null => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length > 0,
        _ => true,
    };

    /// <summary>The int-or-string exception: anyOf exactly [{type: integer}, {type: string}].</summary>
    private static bool IsIntOrStringAnyOf(JsonArray? anyOf) =>
        anyOf is { Count: 2 }
        && anyOf[0] is JsonObject { Count: 1 } first && Str(first, "type") == "integer"
        && anyOf[1] is JsonObject { Count: 1 } second && Str(second, "type") == "string";

    private static void ValueValidation(JsonObject v, bool skipAnyOf, bool skipFirstAllOfAnyOf, Level level, FieldPath path, List<CrdFieldError> errors)
    {
        if (!skipAnyOf)
        {
            foreach (var (i, branch) in Branches(v, "anyOf"))
            {
                Nested(branch, false, false, level, path.Child("anyOf").Index(i), errors);
            }
        }

        foreach (var (i, branch) in Branches(v, "allOf"))
        {
            Nested(branch, skipFirstAllOfAnyOf && i == 0, false, level, path.Child("allOf").Index(i), errors);
        }

        foreach (var (i, branch) in Branches(v, "oneOf"))
        {
            Nested(branch, false, false, level, path.Child("oneOf").Index(i), errors);
        }

        if (Obj(v, "not") is { } not)
        {
            Nested(not, false, false, level, path.Child("not"), errors);
        }

        var pattern = Str(v, "pattern");
        if (pattern.Length > 0 && Re2CompileError(pattern) is { } problem)
        {
            errors.Add(CrdFieldError.Invalid(path.Child("pattern"), pattern, "must be a valid regular expression, but isn't: " + problem));
        }
    }

    private static void Nested(JsonObject v, bool skipAnyOf, bool skipAllOfAnyOf, Level level, FieldPath path, List<CrdFieldError> errors)
    {
        ValueValidation(v, skipAnyOf, skipAllOfAnyOf, level, path, errors);
        if (Obj(v, "items") is { } items)
        {
            Nested(items, false, false, level, path.Child("items"), errors);
        }

        foreach (var (name, property) in Properties(v))
        {
            Nested(property as JsonObject ?? [], false, false, Level.Field, path.Child("properties").Key(name), errors);
        }

        void Forbid(bool present, string key, string detail)
        {
            if (present)
            {
                errors.Add(CrdFieldError.Forbidden(path.Child(key), detail));
            }
        }

        Forbid(Str(v, "type").Length > 0, "type", "must be empty to be structural");
        Forbid(Has(v, "additionalProperties"), "additionalProperties", "must be undefined to be structural");
        Forbid(Has(v, "default"), "default", "must be undefined to be structural");
        Forbid(Str(v, "title").Length > 0, "title", "must be empty to be structural");
        Forbid(Str(v, "description").Length > 0, "description", "must be empty to be structural");
        Forbid(Flag(v, "nullable"), "nullable", "must be false to be structural");
        Forbid(Flag(v, "x-kubernetes-preserve-unknown-fields"), "x-kubernetes-preserve-unknown-fields", "must be false to be structural");
        Forbid(Flag(v, "x-kubernetes-embedded-resource"), "x-kubernetes-embedded-resource", "must be false to be structural");
        Forbid(Flag(v, "x-kubernetes-int-or-string"), "x-kubernetes-int-or-string", "must be false to be structural");
        Forbid(Arr(v, "x-kubernetes-list-map-keys") is { Count: > 0 }, "x-kubernetes-list-map-keys", "must be empty to be structural");
        Forbid(Has(v, "x-kubernetes-list-type"), "x-kubernetes-list-type", "must be undefined to be structural");
        Forbid(Has(v, "x-kubernetes-map-type"), "x-kubernetes-map-type", "must be undefined to be structural");
        Forbid(Arr(v, "x-kubernetes-validations") is { Count: > 0 }, "x-kubernetes-validations", "must be empty to be structural");
        if (Properties(v).ContainsKey("metadata"))
        {
            errors.Add(CrdFieldError.Forbidden(path.Child("properties").Key("metadata"), "must not be specified in a nested context"));
        }
    }

    /// <summary>complete.go: whatever allOf/anyOf/oneOf/not at the root mention must also be in the structural part.</summary>
    private static void Completeness(JsonObject v, JsonObject? s, FieldPath sPath, FieldPath vPath, List<CrdFieldError> errors)
    {
        if (s is null)
        {
            errors.Add(CrdFieldError.Required(sPath, $"because it is defined in {vPath}"));
            return;
        }

        if (Obj(v, "not") is { } not)
        {
            NestedCompleteness(not, s, sPath, vPath.Child("not"), errors);
        }

        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            foreach (var (i, branch) in Branches(v, keyword))
            {
                NestedCompleteness(branch, s, sPath, vPath.Child(keyword).Index(i), errors);
            }
        }
    }

    private static void NestedCompleteness(JsonObject v, JsonObject? s, FieldPath sPath, FieldPath vPath, List<CrdFieldError> errors)
    {
        if (s is null)
        {
            errors.Add(CrdFieldError.Required(sPath, $"because it is defined in {vPath}"));
            return;
        }

        Completeness(v, s, sPath, vPath, errors);
        if (Obj(v, "items") is { } items)
        {
            NestedCompleteness(items, Obj(s, "items"), sPath.Child("items"), vPath.Child("items"), errors);
        }

        foreach (var (name, property) in Properties(v))
        {
            if (Properties(s)[name] is JsonObject structural)
            {
                NestedCompleteness(property as JsonObject ?? [], structural, sPath.Child("properties").Key(name), vPath.Child("properties").Key(name), errors);
            }
            else
            {
                errors.Add(CrdFieldError.Required(sPath.Child("properties").Key(name), $"because it is defined in {vPath.Child("properties").Key(name)}"));
            }
        }
    }

    /// <summary>
    /// Go's regexp (RE2) refuses Perl lookaround and backreferences that .NET accepts; those two are reported with Go's
    /// wording, anything else .NET cannot parse with .NET's.
    /// </summary>
    internal static string? Re2CompileError(string pattern)
    {
        if (Lookaround().Match(pattern) is { Success: true } look)
        {
            return $"error parsing regexp: invalid or unsupported Perl syntax: `{look.Value}`";
        }

        if (Backreference().Match(pattern) is { Success: true } back)
        {
            return $"error parsing regexp: invalid escape sequence: `{back.Value}`";
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException e)
        {
            return "error parsing regexp: " + e.Message;
        }
    }

    [GeneratedRegex(@"\(\?<?[=!]")]
    private static partial Regex Lookaround();

    [GeneratedRegex(@"(?<!\\)\\[1-9]")]
    private static partial Regex Backreference();
}
