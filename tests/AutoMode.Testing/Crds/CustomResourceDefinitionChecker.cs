using System.Text.Json;
using System.Text.Json.Nodes;
using static AutoMode.Testing.Crds.SchemaNode;

namespace AutoMode.Testing.Crds;

/// <summary>
/// Checks an apiextensions.k8s.io/v1 CustomResourceDefinition the way a real kube-apiserver (v1.32) validates it on
/// create, with the API server's error types, field paths and wording. Read from kubernetes/kubernetes
/// staging/src/k8s.io/apiextensions-apiserver:
/// <list type="bullet">
/// <item>pkg/apis/apiextensions/v1/conversion.go: per-version schemas, subresources and printer columns that are
/// identical in every version move to the top level, so their errors read <c>spec.validation.openAPIV3Schema…</c>,
/// <c>spec.subresources…</c>, <c>spec.additionalPrinterColumns[i]…</c>; otherwise <c>spec.versions[i]…</c>.</item>
/// <item>pkg/apis/apiextensions/validation/validation.go: ValidateCustomResourceDefinition (metadata.name is
/// plural.group and a DNS subdomain; group, scope, names, versions, exactly one storage version, an openAPIV3Schema
/// in every version, printer columns, scale subresource paths, conversion strategy and webhook, deprecation warnings,
/// preserveUnknownFields), validateCustomResourceDefinitionValidation (root fields allowed with the status
/// subresource, root not nullable) and ValidateCustomResourceDefinitionOpenAPISchema (<see cref="OpenApiSchemaRules"/>).</item>
/// <item>pkg/apiserver/schema/convert.go, validation.go and complete.go: structural schemas (<see cref="StructuralRules"/>).</item>
/// <item>pkg/apiserver/schema/defaulting/validation.go and pruning/algorithm.go: defaults validate and survive
/// pruning (<see cref="DefaultRules"/>).</item>
/// </list>
/// The published list (kubernetes.io, "Specifying a structural schema"): a non-empty type everywhere but under
/// int-or-string or preserve-unknown-fields; every field in allOf/anyOf/oneOf/not also specified outside; no
/// description, type, default, additionalProperties or nullable inside those; root metadata restricting only name and
/// generateName; defaults pruned and valid; no additionalProperties at the root or beside properties. All are checked.
/// <para>
/// NOT checked, and why: CEL compilation, type-checking and cost budgets of x-kubernetes-validations and of
/// messageExpression (needs a CEL compiler with the Kubernetes libraries; only rule/message/messageExpression/reason/
/// fieldPath presence and the oldSelf placement are checked, the latter lexically); CEL rules applied to defaults;
/// ObjectMeta coercion of defaults inside embedded resources; the go-openapi validator build step ("error building
/// validator", no known trigger once the checks above pass); metadata labels/annotations syntax; status and
/// storedVersions (the server sets them on create); update-only rules (immutable group/plural, ratcheting of
/// previously accepted schemas, stored versions); api-approved.kubernetes.io for *.k8s.io groups; selectableFields;
/// the webhook clientConfig URL/service/caBundle syntax. Values Go prints with %#v (whole schemas or version lists)
/// are printed as compact JSON, and RE2 compile errors other than lookaround/backreferences carry .NET's message.
/// </para>
/// </summary>
public static class CustomResourceDefinitionChecker
{
    private static readonly string[] PrinterColumnTypes = ["boolean", "date", "integer", "number", "string"];
    private static readonly string[] PrinterColumnFormats = ["byte", "date", "date-time", "double", "float", "int32", "int64", "password"];
    private static readonly string[] AcceptedConversionReviewVersions = ["v1", "v1beta1"];

    /// <summary>Checks the CRD as a create request.</summary>
    public static CrdCheckResult Check(JsonObject crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var metadata = crd["metadata"] as JsonObject ?? [];
        var spec = crd["spec"] as JsonObject ?? [];
        var versions = Branches(spec, "versions").ToList();

        var decode = new List<string>();
        foreach (var (i, version) in versions)
        {
            StrictDecoding.Check(Obj(version, "schema")?["openAPIV3Schema"], FieldPath.Root("spec", "versions").Index(i).Child("schema", "openAPIV3Schema"), decode);
        }

        var errors = new List<CrdFieldError>();
        var names = Obj(spec, "names") ?? [];
        var group = Str(spec, "group");
        var plural = Str(names, "plural");
        var kind = Str(names, "kind");

        // v1 defaulting (SetDefaults_CustomResourceDefinitionSpec) fills singular and listKind before validation.
        var singular = Str(names, "singular") is { Length: > 0 } s ? s : kind.ToLowerInvariant();
        var listKind = Str(names, "listKind") is { Length: > 0 } l ? l : kind.Length > 0 ? kind + "List" : "";

        ObjectMeta(metadata, plural + "." + group, errors);
        Spec(spec, versions, group, plural, singular, kind, listKind, errors);
        return new CrdCheckResult(Str(metadata, "name"), decode, errors);
    }

    private static void ObjectMeta(JsonObject metadata, string requiredName, List<CrdFieldError> errors)
    {
        var path = FieldPath.Root("metadata", "name");
        var name = Str(metadata, "name");
        if (name.Length == 0)
        {
            errors.Add(CrdFieldError.Required(path, "name or generateName is required"));
            return;
        }

        var messages = KubeNames.IsDns1123Subdomain(name);
        if (name != requiredName)
        {
            messages.Add("must be spec.names.plural+\".\"+spec.group");
        }

        errors.AddRange(messages.Select(m => CrdFieldError.Invalid(path, name, m)));
    }

    private static void Spec(JsonObject spec, List<(int Index, JsonObject Schema)> versions, string group, string plural, string singular, string kind, string listKind, List<CrdFieldError> errors)
    {
        var path = FieldPath.Root("spec");
        if (group.Length == 0)
        {
            errors.Add(CrdFieldError.Required(path.Child("group"), ""));
        }
        else if (KubeNames.IsDns1123Subdomain(group) is { Count: > 0 } groupErrors)
        {
            errors.Add(CrdFieldError.Invalid(path.Child("group"), group, string.Join(",", groupErrors)));
        }
        else if (!group.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(CrdFieldError.Invalid(path.Child("group"), group, "should be a domain with at least one dot"));
        }

        var scope = Str(spec, "scope");
        if (scope.Length == 0)
        {
            errors.Add(CrdFieldError.Required(path.Child("scope"), ""));
        }
        else if (scope is not ("Cluster" or "Namespaced"))
        {
            errors.Add(CrdFieldError.NotSupported(path.Child("scope"), scope, ["Cluster", "Namespaced"]));
        }

        // conversion.go: identical per-version fields become the top-level (internal) ones.
        var identicalSchemas = versions.Count > 0 && versions.All(v => JsonNode.DeepEquals(v.Schema["schema"], versions[0].Schema["schema"]));
        var identicalSubresources = versions.Count > 0 && versions.All(v => JsonNode.DeepEquals(v.Schema["subresources"], versions[0].Schema["subresources"]));
        var identicalColumns = versions.Count > 0 && versions.All(v => SameList(v.Schema["additionalPrinterColumns"], versions[0].Schema["additionalPrinterColumns"]));
        var topValidation = identicalSchemas ? Obj(versions[0].Schema, "schema") : null;
        var topSubresources = identicalSubresources ? Obj(versions[0].Schema, "subresources") : null;
        var topColumns = identicalColumns ? Arr(versions[0].Schema, "additionalPrinterColumns") : null;

        var preserveUnknownFields = Flag(spec, "preserveUnknownFields");
        if (topValidation?["openAPIV3Schema"] is null)
        {
            foreach (var (i, version) in versions)
            {
                if (Obj(version, "schema")?["openAPIV3Schema"] is null)
                {
                    errors.Add(CrdFieldError.Required(path.Child("versions").Index(i).Child("schema").Child("openAPIV3Schema"), ""));
                }
            }
        }

        if (preserveUnknownFields && versions.Any(v => Obj(v.Schema, "schema")?["openAPIV3Schema"] is JsonObject schema && HasDefault(schema)))
        {
            errors.Add(CrdFieldError.Invalid(path.Child("preserveUnknownFields"), JsonValue.Create(true), "must be false in order to use defaults in the schema"));
        }

        var storage = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = true;
        foreach (var (i, version) in versions)
        {
            var at = path.Child("versions").Index(i);
            var name = Str(version, "name");
            storage += Flag(version, "storage") ? 1 : 0;
            unique &= seen.Add(name);
            if (KubeNames.IsDns1035Label(name) is { Count: > 0 } nameErrors)
            {
                errors.Add(CrdFieldError.Invalid(at.Child("name"), name, string.Join(",", nameErrors)));
            }

            DeprecationWarning(version, at, errors);
            var subresources = identicalSubresources ? topSubresources : Obj(version, "subresources");
            Validation(identicalSchemas ? null : Obj(version, "schema"), subresources?["status"] is not null, at.Child("schema"), errors);
            if (!identicalSubresources)
            {
                Subresources(Obj(version, "subresources"), at.Child("subresources"), errors);
            }

            if (!identicalColumns)
            {
                PrinterColumns(Arr(version, "additionalPrinterColumns"), at.Child("additionalPrinterColumns"), errors);
            }
        }

        if (!unique)
        {
            errors.Add(CrdFieldError.Invalid(path.Child("versions"), spec["versions"], "must contain unique version names"));
        }

        if (storage != 1)
        {
            errors.Add(CrdFieldError.Invalid(path.Child("versions"), spec["versions"], "must have exactly one version marked as storage version"));
        }

        foreach (var (field, value) in new[] { ("plural", plural), ("singular", singular), ("kind", kind), ("listKind", listKind) })
        {
            if (value.Length == 0)
            {
                errors.Add(CrdFieldError.Required(path.Child("names", field), ""));
            }
        }

        Names(Obj(spec, "names") ?? [], plural, singular, kind, listKind, path.Child("names"), errors);
        var anyStatus = topSubresources?["status"] is not null || versions.Any(v => Obj(v.Schema, "subresources")?["status"] is not null);
        Validation(topValidation, anyStatus, path.Child("validation"), errors);
        Subresources(topSubresources, path.Child("subresources"), errors);
        PrinterColumns(topColumns, path.Child("additionalPrinterColumns"), errors);
        Conversion(Obj(spec, "conversion"), preserveUnknownFields, path.Child("conversion"), errors);

        if (preserveUnknownFields)
        {
            errors.Add(CrdFieldError.Invalid(path.Child("preserveUnknownFields"), JsonValue.Create(true), "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead"));
        }
    }

    /// <summary>validateCustomResourceDefinitionValidation for one CustomResourceValidation (<c>{openAPIV3Schema: …}</c>).</summary>
    private static void Validation(JsonObject? validation, bool statusEnabled, FieldPath path, List<CrdFieldError> errors)
    {
        if (validation?["openAPIV3Schema"] is not JsonObject schema)
        {
            return;
        }

        var found = new List<CrdFieldError>();
        if (statusEnabled)
        {
            RootSchemaFields.Check(schema, path, found);
        }

        if (Flag(schema, "nullable"))
        {
            found.Add(CrdFieldError.Forbidden(path.Child("openAPIV3Schema.nullable"), "nullable cannot be true at the root"));
        }

        var schemaPath = path.Child("openAPIV3Schema");
        var initErrors = new List<CrdFieldError>();
        var celChecks = false;
        if (StructuralRules.ConversionError(schema) is { } conversion)
        {
            // Shown only when nothing else is wrong: the OpenAPI checks report the same causes more precisely.
            initErrors.Add(CrdFieldError.Invalid(schemaPath, "", conversion));
        }
        else if (StructuralRules.Validate(schema, schemaPath) is { Count: > 0 } structural)
        {
            found.AddRange(structural);
        }
        else if (DefaultRules.Validate(schema, schemaPath) is { Count: > 0 } defaults)
        {
            found.AddRange(defaults);
        }
        else
        {
            celChecks = true;
        }

        found.AddRange(OpenApiSchemaRules.Validate(schema, schemaPath, SchemaContext.Root, isRoot: true, celChecks).All);
        if (found.Count == 0)
        {
            found.AddRange(initErrors);
        }

        errors.AddRange(found);
    }

    private static void DeprecationWarning(JsonObject version, FieldPath path, List<CrdFieldError> errors)
    {
        if (version["deprecationWarning"] is not JsonValue warningNode || warningNode.GetValueKind() != JsonValueKind.String)
        {
            return;
        }

        var warning = warningNode.GetValue<string>();
        var problems = new List<string>();
        if (!Flag(version, "deprecated"))
        {
            problems.Add("can only be set for deprecated versions");
        }
        else
        {
            if (System.Text.Encoding.UTF8.GetByteCount(warning) > 256)
            {
                problems.Add("must be <= 256 characters long");
            }

            if (warning.Length == 0)
            {
                problems.Add("must not be an empty string");
            }
        }

        errors.AddRange(problems.Select(p => CrdFieldError.Invalid(path.Child("deprecationWarning"), warning, p)));
    }

    private static void Names(JsonObject names, string plural, string singular, string kind, string listKind, FieldPath path, List<CrdFieldError> errors)
    {
        void Label(string field, string value, string prefix, bool lower)
        {
            if (value.Length > 0 && KubeNames.IsDns1035Label(lower ? value.ToLowerInvariant() : value) is { Count: > 0 } problems)
            {
                errors.Add(CrdFieldError.Invalid(path.Child(field), value, prefix + string.Join(",", problems)));
            }
        }

        Label("plural", plural, "", false);
        Label("singular", singular, "", false);
        Label("kind", kind, "may have mixed case, but should otherwise match: ", true);
        Label("listKind", listKind, "may have mixed case, but should otherwise match: ", true);
        LabelList("shortNames");
        if (kind.Length > 0 && kind == listKind)
        {
            errors.Add(CrdFieldError.Invalid(path.Child("listKind"), listKind, "kind and listKind may not be the same"));
        }

        LabelList("categories");

        void LabelList(string field)
        {
            var values = Strings(names, field);
            for (var i = 0; i < values.Count; i++)
            {
                if (KubeNames.IsDns1035Label(values[i]) is { Count: > 0 } problems)
                {
                    errors.Add(CrdFieldError.Invalid(path.Child(field).Index(i), values[i], string.Join(",", problems)));
                }
            }
        }
    }

    private static void PrinterColumns(JsonArray? columns, FieldPath path, List<CrdFieldError> errors)
    {
        var list = columns ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var column = list[i] as JsonObject ?? [];
            var at = path.Index(i);
            if (Str(column, "name").Length == 0)
            {
                errors.Add(CrdFieldError.Required(at.Child("name"), ""));
            }

            var type = Str(column, "type");
            var typeDetail = "must be one of " + string.Join(",", PrinterColumnTypes);
            if (type.Length == 0)
            {
                errors.Add(CrdFieldError.Required(at.Child("type"), typeDetail));
            }
            else if (!PrinterColumnTypes.Contains(type))
            {
                errors.Add(CrdFieldError.Invalid(at.Child("type"), type, typeDetail));
            }

            var format = Str(column, "format");
            if (format.Length > 0 && !PrinterColumnFormats.Contains(format))
            {
                errors.Add(CrdFieldError.Invalid(at.Child("format"), format, "must be one of " + string.Join(",", PrinterColumnFormats)));
            }

            var jsonPath = Str(column, "jsonPath");
            if (jsonPath.Length == 0)
            {
                errors.Add(CrdFieldError.Required(at.Child("JSONPath"), ""));
            }
            else
            {
                SimpleJsonPath(jsonPath, at.Child("JSONPath"), errors);
            }
        }
    }

    private static void Subresources(JsonObject? subresources, FieldPath path, List<CrdFieldError> errors)
    {
        if (Obj(subresources ?? [], "scale") is not { } scale)
        {
            return;
        }

        foreach (var (field, prefix, where) in new[] { ("specReplicasPath", ".spec.", "should be a json path under .spec"), ("statusReplicasPath", ".status.", "should be a json path under .status") })
        {
            var value = Str(scale, field);
            var at = path.Child("scale." + field);
            if (value.Length == 0)
            {
                errors.Add(CrdFieldError.Required(at, ""));
            }
            else if (!SimpleJsonPath(value, at, errors) && !value.StartsWith(prefix, StringComparison.Ordinal))
            {
                errors.Add(CrdFieldError.Invalid(at, value, where));
            }
        }

        var selector = Str(scale, "labelSelectorPath");
        var selectorPath = path.Child("scale.labelSelectorPath");
        if (selector.Length > 0 && !SimpleJsonPath(selector, selectorPath, errors)
            && !selector.StartsWith(".spec.", StringComparison.Ordinal) && !selector.StartsWith(".status.", StringComparison.Ordinal))
        {
            errors.Add(CrdFieldError.Invalid(selectorPath, selector, "should be a json path under either .spec or .status"));
        }
    }

    /// <summary>validateSimpleJSONPath; true when it reported an error.</summary>
    private static bool SimpleJsonPath(string value, FieldPath path, List<CrdFieldError> errors)
    {
        if (value.Length == 0)
        {
            errors.Add(CrdFieldError.Invalid(path, value, "must not be empty"));
            return true;
        }

        if (value[0] != '.')
        {
            errors.Add(CrdFieldError.Invalid(path, value, "must be a simple json path starting with ."));
            return true;
        }

        return false;
    }

    private static void Conversion(JsonObject? conversion, bool preserveUnknownFields, FieldPath path, List<CrdFieldError> errors)
    {
        if (conversion is null)
        {
            return;
        }

        var strategy = Str(conversion, "strategy");
        if (strategy.Length > 0 && strategy != "None" && preserveUnknownFields)
        {
            errors.Add(CrdFieldError.Invalid(path.Child("strategy"), strategy, "must be None if spec.preserveUnknownFields is true"));
        }

        if (strategy.Length == 0)
        {
            errors.Add(CrdFieldError.Required(path.Child("strategy"), ""));
        }
        else if (strategy is not ("None" or "Webhook"))
        {
            errors.Add(CrdFieldError.NotSupported(path.Child("strategy"), strategy, ["None", "Webhook"]));
        }

        // v1 webhook.{clientConfig,conversionReviewVersions} are the internal webhookClientConfig/conversionReviewVersions.
        var webhook = Obj(conversion, "webhook");
        var clientConfig = webhook is null ? null : Obj(webhook, "clientConfig");
        var reviewVersions = webhook?["conversionReviewVersions"] as JsonArray;
        if (strategy == "Webhook")
        {
            if (clientConfig is null)
            {
                errors.Add(CrdFieldError.Required(path.Child("webhookClientConfig"), "required when strategy is set to Webhook"));
            }
            else if (Has(clientConfig, "url") == Has(clientConfig, "service"))
            {
                errors.Add(CrdFieldError.Required(path.Child("webhookClientConfig"), "exactly one of url or service is required"));
            }

            var versions = Strings(webhook ?? [], "conversionReviewVersions");
            var at = path.Child("conversionReviewVersions");
            if (versions.Count == 0)
            {
                errors.Add(CrdFieldError.Required(at, ""));
            }
            else
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < versions.Count; i++)
                {
                    if (!seen.Add(versions[i]))
                    {
                        errors.Add(CrdFieldError.Invalid(at.Index(i), versions[i], "duplicate version"));
                        continue;
                    }

                    errors.AddRange(KubeNames.IsDns1035Label(versions[i]).Select(p => CrdFieldError.Invalid(at.Index(i), versions[i], p)));
                }

                if (!versions.Any(AcceptedConversionReviewVersions.Contains))
                {
                    errors.Add(CrdFieldError.Invalid(at, reviewVersions, "must include at least one of " + string.Join(", ", AcceptedConversionReviewVersions)));
                }
            }
        }
        else
        {
            if (clientConfig is not null)
            {
                errors.Add(CrdFieldError.Forbidden(path.Child("webhookClientConfig"), "should not be set when strategy is not set to Webhook"));
            }

            if (reviewVersions is { Count: > 0 })
            {
                errors.Add(CrdFieldError.Forbidden(path.Child("conversionReviewVersions"), "should not be set when strategy is not set to Webhook"));
            }
        }
    }

    private static bool HasDefault(JsonObject schema) =>
        Has(schema, "default")
        || Properties(schema).Any(p => p.Value is JsonObject child && HasDefault(child))
        || (Obj(schema, "items") is { } items && HasDefault(items))
        || (Obj(schema, "additionalProperties") is { } values && HasDefault(values))
        || new[] { "allOf", "anyOf", "oneOf" }.Any(k => Branches(schema, k).Any(b => HasDefault(b.Schema)))
        || (Obj(schema, "not") is { } not && HasDefault(not));

    /// <summary>apiequality.Semantic.DeepEqual treats a nil and an empty slice alike.</summary>
    private static bool SameList(JsonNode? a, JsonNode? b) =>
        (a is null or JsonArray { Count: 0 } && (b is null or JsonArray { Count: 0 })) || JsonNode.DeepEquals(a, b);
}
