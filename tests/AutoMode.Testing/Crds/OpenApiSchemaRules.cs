using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static AutoMode.Testing.Crds.SchemaNode;

namespace AutoMode.Testing.Crds;

/// <summary>
/// ValidateCustomResourceDefinitionOpenAPISchema and specStandardValidatorV3.validate from kubernetes/kubernetes
/// staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation/validation.go: the per-node rules
/// (unsupported keywords, uniqueItems, additionalProperties beside properties, x-kubernetes-list-type/-map-type/
/// -list-map-keys, map-list keys required-or-defaulted and not nullable, x-kubernetes-validations fields, defaults
/// forbidden in top-level metadata). CEL compilation and cost estimation are NOT done; the only CEL-level checks are
/// the oldSelf placement ones, found by looking for the identifier oldSelf outside string literals.
/// </summary>
internal static partial class OpenApiSchemaRules
{
    private static readonly string[] OpenApiV3Types = ["array", "boolean", "integer", "number", "object", "string"];
    private static readonly HashSet<string> MetaFields = new(StringComparer.Ordinal) { "metadata", "kind", "apiVersion" };

    // validation.go supportedValidationReason (sets.NewString, so listed sorted).
    private static readonly string[] SupportedValidationReasons = ["FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"];

    public sealed class Result
    {
        public List<CrdFieldError> SchemaErrors { get; } = [];

        public List<CrdFieldError> CelErrors { get; } = [];

        public void Append(Result other)
        {
            SchemaErrors.AddRange(other.SchemaErrors);
            CelErrors.AddRange(other.CelErrors);
        }

        public IEnumerable<CrdFieldError> All => SchemaErrors.Concat(CelErrors);
    }

    /// <summary>The errors of one node and everything below it; <paramref name="celChecks"/> is true when the schema passed the structural checks (the API server then builds a CEL context).</summary>
    public static Result Validate(JsonObject? schema, FieldPath path, SchemaContext ssv, bool isRoot, bool celChecks)
    {
        var all = new Result();
        if (schema is null)
        {
            return all;
        }

        all.SchemaErrors.AddRange(StandardV3(schema, path, ssv));

        if (Flag(schema, "uniqueItems"))
        {
            all.SchemaErrors.Add(CrdFieldError.Forbidden(path.Child("uniqueItems"), "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
        }

        var properties = Properties(schema);
        if (Has(schema, "additionalProperties"))
        {
            var additional = schema["additionalProperties"]!;
            var isFalse = additional is JsonValue && !Flag(schema, "additionalProperties");
            if (properties.Count != 0 && (isFalse || additional is JsonObject))
            {
                all.SchemaErrors.Add(CrdFieldError.Forbidden(path.Child("additionalProperties"), "additionalProperties and properties are mutual exclusive"));
            }

            // Defaults inside additionalProperties of object metadata are ambiguous to prune, hence forbidden.
            var sub = ssv.InsideResourceMeta ? ssv.WithForbiddenDefaults("inside additionalProperties applying to object metadata") : ssv;
            all.Append(Validate(additional as JsonObject, path.Child("additionalProperties"), sub, false, celChecks));
        }

        var embedded = Flag(schema, "x-kubernetes-embedded-resource");
        var mapType = StrOrNull(schema, "x-kubernetes-map-type");
        foreach (var (name, node) in properties)
        {
            var sub = ssv;
            if (!(mapType is null or "granular" or "atomic"))
            {
                sub = sub.WithForbidOldSelfValidations(path);
            }

            if ((isRoot || embedded) && MetaFields.Contains(name))
            {
                sub = sub.WithInsideResourceMeta();
                if (isRoot)
                {
                    sub = sub.WithForbiddenDefaults($"in top-level {name}");
                }
            }

            all.Append(Validate(node as JsonObject ?? [], path.Child("properties").Key(name), sub, false, celChecks));
        }

        all.Append(Validate(Obj(schema, "not"), path.Child("not"), ssv, false, false));
        foreach (var keyword in new[] { "allOf", "oneOf", "anyOf" })
        {
            foreach (var (i, branch) in Branches(schema, keyword))
            {
                all.Append(Validate(branch, path.Child(keyword).Index(i), ssv, false, false));
            }
        }

        foreach (var (name, node) in Obj(schema, "definitions") ?? [])
        {
            all.Append(Validate(node as JsonObject, path.Child("definitions").Key(name), ssv, false, false));
        }

        var listType = StrOrNull(schema, "x-kubernetes-list-type");
        if (Has(schema, "items"))
        {
            // Only map lists correlate old and new items (apiextensions validation.go, "items" branch).
            var sub = listType == "map" ? ssv : ssv.WithForbidOldSelfValidations(path);
            switch (schema["items"])
            {
                case JsonObject itemSchema:
                    all.Append(Validate(itemSchema, path.Child("items"), sub, false, celChecks));
                    break;
                case JsonArray tuple:
                    for (var i = 0; i < tuple.Count; i++)
                    {
                        all.Append(Validate(tuple[i] as JsonObject, path.Child("items").Index(i), sub, false, celChecks));
                    }

                    break;
                default:
                    break;
            }
        }

        foreach (var (name, node) in Obj(schema, "dependencies") ?? [])
        {
            all.Append(Validate(node as JsonObject, path.Child("dependencies").Key(name), ssv, false, false));
        }

        if (schema["x-kubernetes-preserve-unknown-fields"] is JsonValue preserve && !Flag(schema, "x-kubernetes-preserve-unknown-fields"))
        {
            all.SchemaErrors.Add(CrdFieldError.Invalid(path.Child("x-kubernetes-preserve-unknown-fields"), preserve, "must be true or undefined"));
        }

        var type = Str(schema, "type");
        if (mapType is not null && type != "object")
        {
            all.SchemaErrors.Add(type.Length == 0
                ? CrdFieldError.Required(path.Child("type"), "must be object if x-kubernetes-map-type is specified")
                : CrdFieldError.Invalid(path.Child("type"), type, "must be object if x-kubernetes-map-type is specified"));
        }

        if (mapType is not null and not "atomic" and not "granular")
        {
            all.SchemaErrors.Add(CrdFieldError.NotSupported(path.Child("x-kubernetes-map-type"), mapType, ["atomic", "granular"]));
        }

        var items = Obj(schema, "items");
        if (listType is not null && type != "array")
        {
            all.SchemaErrors.Add(type.Length == 0
                ? CrdFieldError.Required(path.Child("type"), "must be array if x-kubernetes-list-type is specified")
                : CrdFieldError.Invalid(path.Child("type"), type, "must be array if x-kubernetes-list-type is specified"));
        }
        else if (listType == "set" && items is not null)
        {
            // requireAtomicSetType: items of a set must be atomic (scalars always are).
            var itemListType = StrOrNull(items, "x-kubernetes-list-type");
            switch (Str(items, "type"))
            {
                case "array" when itemListType is not null && itemListType != "atomic":
                    all.SchemaErrors.Add(CrdFieldError.Invalid(path.Child("items").Child("x-kubernetes-list-type"), itemListType, "must be atomic as item of a list with x-kubernetes-list-type=set"));
                    break;
                case "object" when StrOrNull(items, "x-kubernetes-map-type") != "atomic":
                    // The API server prints the item's list type here (a nil pointer: null), not its map type.
                    all.SchemaErrors.Add(CrdFieldError.Invalid(path.Child("items").Child("x-kubernetes-map-type"), itemListType is null ? null : JsonValue.Create(itemListType), "must be atomic as item of a list with x-kubernetes-list-type=set"));
                    break;
                default:
                    break;
            }
        }

        if (listType is not null and not "atomic" and not "set" and not "map")
        {
            all.SchemaErrors.Add(CrdFieldError.NotSupported(path.Child("x-kubernetes-list-type"), listType, ["atomic", "set", "map"]));
        }

        var mapKeys = Strings(schema, "x-kubernetes-list-map-keys");
        if (mapKeys.Count > 0)
        {
            if (listType is null)
            {
                all.SchemaErrors.Add(CrdFieldError.Required(path.Child("x-kubernetes-list-type"), "must be map if x-kubernetes-list-map-keys is non-empty"));
            }
            else if (listType != "map")
            {
                all.SchemaErrors.Add(CrdFieldError.Invalid(path.Child("x-kubernetes-list-type"), listType, "must be map if x-kubernetes-list-map-keys is non-empty"));
            }
        }

        if (listType == "map")
        {
            MapList(schema, path, mapKeys, all.SchemaErrors);
        }

        all.SchemaErrors.AddRange(MapListKeysMapSet(schema, path, listType, mapKeys));

        var rules = Branches(schema, "x-kubernetes-validations").ToList();
        if (rules.Count > 0)
        {
            ValidationRules(schema, path, rules, all.SchemaErrors);
            if (all.SchemaErrors.Count == 0 && celChecks)
            {
                OldSelfPlacement(path, rules, ssv, all.CelErrors);
            }
        }

        return all;
    }

    /// <summary>specStandardValidatorV3.validate.</summary>
    private static List<CrdFieldError> StandardV3(JsonObject schema, FieldPath path, SchemaContext ssv)
    {
        var errors = new List<CrdFieldError>();
        var type = Str(schema, "type");
        if (type.Length > 0 && !OpenApiV3Types.Contains(type))
        {
            errors.Add(CrdFieldError.NotSupported(path.Child("type"), type, OpenApiV3Types));
        }

        if (Has(schema, "default") && !ssv.AllowDefaults)
        {
            errors.Add(CrdFieldError.Forbidden(path.Child("default"), "must not be set" + (ssv.DisallowDefaultsReason.Length > 0 ? " " + ssv.DisallowDefaultsReason : "")));
        }

        if (Str(schema, "id").Length > 0)
        {
            errors.Add(CrdFieldError.Forbidden(path.Child("id"), "id is not supported"));
        }

        if (Has(schema, "additionalItems"))
        {
            errors.Add(CrdFieldError.Forbidden(path.Child("additionalItems"), "additionalItems is not supported"));
        }

        if (Obj(schema, "patternProperties") is { Count: > 0 })
        {
            errors.Add(CrdFieldError.Forbidden(path.Child("patternProperties"), "patternProperties is not supported"));
        }

        if (Obj(schema, "definitions") is { Count: > 0 })
        {
            errors.Add(CrdFieldError.Forbidden(path.Child("definitions"), "definitions is not supported"));
        }

        if (Has(schema, "dependencies"))
        {
            errors.Add(CrdFieldError.Forbidden(path.Child("dependencies"), "dependencies is not supported"));
        }

        if (Has(schema, "$ref"))
        {
            errors.Add(CrdFieldError.Forbidden(path.Child("$ref"), "$ref is not supported"));
        }

        if (type == "null")
        {
            errors.Add(CrdFieldError.Forbidden(path.Child("type"), "type cannot be set to null, use nullable as an alternative"));
        }

        if (schema["items"] is JsonArray { Count: > 0 })
        {
            errors.Add(CrdFieldError.Forbidden(path.Child("items"), "items must be a schema object and not an array"));
        }

        if (ssv.InsideResourceMeta && Flag(schema, "x-kubernetes-embedded-resource"))
        {
            errors.Add(CrdFieldError.Forbidden(path.Child("x-kubernetes-embedded-resource"), "must not be used inside of resource meta"));
        }

        return errors;
    }

    private static void MapList(JsonObject schema, FieldPath path, List<string> mapKeys, List<CrdFieldError> errors)
    {
        if (mapKeys.Count == 0)
        {
            errors.Add(CrdFieldError.Required(path.Child("x-kubernetes-list-map-keys"), "must not be empty if x-kubernetes-list-type is map"));
        }

        if (!Has(schema, "items"))
        {
            errors.Add(CrdFieldError.Required(path.Child("items"), "must have a schema if x-kubernetes-list-type is map"));
            return;
        }

        if (schema["items"] is not JsonObject items)
        {
            errors.Add(CrdFieldError.Invalid(path.Child("items"), schema["items"], "must only have a single schema if x-kubernetes-list-type is map"));
            return;
        }

        var itemType = Str(items, "type");
        if (itemType != "object")
        {
            errors.Add(CrdFieldError.Invalid(path.Child("items").Child("type"), itemType, "must be object if parent array's x-kubernetes-list-type is map"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var properties = Properties(items);
        foreach (var key in mapKeys)
        {
            if (properties[key] is JsonObject keySchema)
            {
                if (Str(keySchema, "type") is "array" or "object")
                {
                    // The API server prints the item type ("object") as the bad value here.
                    errors.Add(CrdFieldError.Invalid(path.Child("items").Child("properties").Key(key).Child("type"), itemType, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
                }
            }
            else
            {
                errors.Add(CrdFieldError.Invalid(path.Child("x-kubernetes-list-map-keys"), schema["x-kubernetes-list-map-keys"], "entries must all be names of item properties"));
            }

            if (!seen.Add(key))
            {
                errors.Add(CrdFieldError.Invalid(path.Child("x-kubernetes-list-map-keys"), schema["x-kubernetes-list-map-keys"], "must not contain duplicate entries"));
            }
        }
    }

    /// <summary>validateMapListKeysMapSet: set/map items not nullable; map keys required or defaulted, and not nullable.</summary>
    private static List<CrdFieldError> MapListKeysMapSet(JsonObject schema, FieldPath path, string? listType, List<string> mapKeys)
    {
        var errors = new List<CrdFieldError>();
        if (Obj(schema, "items") is not { } items || listType is not ("set" or "map"))
        {
            return errors;
        }

        if (Flag(items, "nullable"))
        {
            errors.Add(CrdFieldError.Forbidden(path.Child("items").Child("nullable"), "cannot be nullable when x-kubernetes-list-type is " + listType));
        }

        if (listType == "map")
        {
            var required = Strings(items, "required").ToHashSet(StringComparer.Ordinal);
            foreach (var key in mapKeys)
            {
                if (Properties(items)[key] is not JsonObject keySchema)
                {
                    continue;
                }

                if (!required.Contains(key) && !Has(keySchema, "default"))
                {
                    errors.Add(CrdFieldError.Required(path.Child("items").Child("properties").Key(key).Child("default"), "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"));
                }

                if (Flag(keySchema, "nullable"))
                {
                    errors.Add(CrdFieldError.Forbidden(path.Child("items").Child("properties").Key(key).Child("nullable"), "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
                }
            }
        }

        return errors;
    }

    private static void ValidationRules(JsonObject schema, FieldPath path, List<(int Index, JsonObject Schema)> rules, List<CrdFieldError> errors)
    {
        foreach (var (i, rule) in rules)
        {
            var at = path.Child("x-kubernetes-validations").Index(i);
            var ruleText = Str(rule, "rule");
            var message = Str(rule, "message");
            var messageExpression = Str(rule, "messageExpression");
            var trimmedRule = ruleText.Trim();
            var trimmedMessage = message.Trim();
            if (trimmedRule.Length == 0)
            {
                errors.Add(CrdFieldError.Required(at.Child("rule"), "rule is not specified"));
            }
            else if (message.Length > 0 && trimmedMessage.Length == 0)
            {
                errors.Add(CrdFieldError.Invalid(at.Child("message"), message, "must be non-empty if specified"));
            }
            else if (HasNewlines(trimmedMessage))
            {
                errors.Add(CrdFieldError.Invalid(at.Child("message"), message, "must not contain line breaks"));
            }
            else if (HasNewlines(trimmedRule) && trimmedMessage.Length == 0)
            {
                errors.Add(CrdFieldError.Required(at.Child("message"), "message must be specified if rule contains line breaks"));
            }

            if (messageExpression.Length > 0 && messageExpression.Trim().Length == 0)
            {
                errors.Add(CrdFieldError.Required(at.Child("messageExpression"), "messageExpression must be non-empty if specified"));
            }

            if (StrOrNull(rule, "reason") is { } reason && !SupportedValidationReasons.Contains(reason))
            {
                errors.Add(CrdFieldError.NotSupported(at.Child("reason"), reason, SupportedValidationReasons));
            }

            var fieldPath = Str(rule, "fieldPath");
            if (fieldPath.Length > 0 && fieldPath.Trim().Length == 0)
            {
                errors.Add(CrdFieldError.Invalid(at.Child("fieldPath"), fieldPath, "must be non-empty if specified"));
            }

            if (HasNewlines(fieldPath))
            {
                errors.Add(CrdFieldError.Invalid(at.Child("fieldPath"), fieldPath, "must not contain line breaks"));
            }

            if (fieldPath.Length > 0 && !CelFieldPath.IsValid(schema, fieldPath))
            {
                errors.Add(CrdFieldError.Invalid(at.Child("fieldPath"), fieldPath, "must be a valid path"));
            }
        }
    }

    /// <summary>
    /// The oldSelf checks of the CEL pass: a transition rule below a list that is not a map list (or a map of an unknown
    /// x-kubernetes-map-type) cannot correlate old and new values; optionalOldSelf needs a rule that uses oldSelf.
    /// </summary>
    private static void OldSelfPlacement(FieldPath path, List<(int Index, JsonObject Schema)> rules, SchemaContext ssv, List<CrdFieldError> errors)
    {
        foreach (var (i, rule) in rules)
        {
            var at = path.Child("x-kubernetes-validations").Index(i);
            var ruleText = Str(rule, "rule");
            if (UsesOldSelf(ruleText))
            {
                if (ssv.UncorrelatablePath is { } uncorrelatable)
                {
                    errors.Add(CrdFieldError.Invalid(at.Child("rule"), ruleText, $"oldSelf cannot be used on the uncorrelatable portion of the schema within {uncorrelatable}"));
                }
            }
            else if (rule["optionalOldSelf"] is JsonValue optional)
            {
                errors.Add(CrdFieldError.Invalid(at.Child("optionalOldSelf"), optional, "may not be set if oldSelf is not used in rule"));
            }
        }
    }

    /// <summary>True when the CEL text names the identifier oldSelf outside string literals (a lexical approximation of the compiler's answer).</summary>
    internal static bool UsesOldSelf(string rule) => OldSelf().IsMatch(StringLiteral().Replace(rule, "\"\""));

    private static bool HasNewlines(string text) => text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal);

    [GeneratedRegex("""(?<![\w.])oldSelf\b""")]
    private static partial Regex OldSelf();

    [GeneratedRegex("""[rRbB]*('''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'(\\.|[^'\\])*'|"(\\.|[^"\\])*")""")]
    private static partial Regex StringLiteral();
}
