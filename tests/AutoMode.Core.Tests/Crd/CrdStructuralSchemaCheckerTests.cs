using System.Text.Json.Nodes;
using AutoMode.Core.Serialization;
using AutoMode.Core.Tests.Schemas;
using AutoMode.Testing.Crds;
using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Crd;

/// <summary>
/// The CRD checker (tests/AutoMode.Testing/Crds) accepts every CRD this repository ships and the upstream Karpenter
/// ones, and refuses what a real kube-apiserver refuses, with its error type, field path and wording.
/// </summary>
public sealed class CrdStructuralSchemaCheckerTests
{
    private const string P = "spec.validation.openAPIV3Schema";

    /// <summary>Every CustomResourceDefinition document in crds/ and config/ (YAML and JSON).</summary>
    public static TheoryData<string> RepositoryCrds()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "crds", "config" })
        {
            foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Combine(folder), "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal))
            {
                if (CrdDocuments(file).Any())
                {
                    data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RepositoryCrds))]
    public void RepositoryCrd_IsAcceptedByTheApiServerRules(string file)
    {
        foreach (var crd in CrdDocuments(RepositoryPaths.Combine(file)))
        {
            var result = CustomResourceDefinitionChecker.Check(crd);

            Assert.True(result.Accepted, result.Message);
        }
    }

    [Fact]
    public void RepositoryCrds_IncludeTheWorkloadClassCrd() =>
        Assert.Contains(Path.Combine("crds", "workloadclasses.automode.io.yaml"), ((IEnumerable<object[]>)RepositoryCrds()).Select(row => (string)row[0]).ToList());

    [UpstreamFact]
    public void UpstreamCrds_AreAccepted()
    {
        var checkedCrds = 0;
        var failures = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.UpstreamCrds!).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            // The JSON files are openapi2jsonschema dumps, not CRDs (../shared/crds/upstream/README.md): only real CRDs are checked.
            foreach (var crd in CrdDocuments(file))
            {
                checkedCrds++;
                var result = CustomResourceDefinitionChecker.Check(crd);
                if (!result.Accepted)
                {
                    failures.Add($"{Path.GetFileName(file)}: {result.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(4, checkedCrds);
    }

    [UpstreamFact]
    public void UpstreamJsonFiles_AreSchemasNotCrds()
    {
        var json = Directory.EnumerateFiles(RepositoryPaths.UpstreamCrds!, "*.json").ToList();

        Assert.NotEmpty(json);
        Assert.All(json, file => Assert.Empty(CrdDocuments(file)));
    }

    /// <summary>The CRD as it was on the day of issue 12 (a description on metadata), refused with the real server's words.</summary>
    [Fact]
    public void TodaysWorkloadClassCrd_IsRefusedWithTheApiServersMessage()
    {
        var crd = CrdSchemaLoader.LoadCrd(CrdSchemaTests.CrdPath);
        crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["metadata"] = JsonNode.Parse(
            """{"type": "object", "description": "Standard object metadata. The name becomes the NodeClass and NodePool name."}""");

        var result = CustomResourceDefinitionChecker.Check(crd);

        Assert.Equal(422, result.StatusCode);
        Assert.Equal(
            "CustomResourceDefinition.apiextensions.k8s.io \"workloadclasses.automode.io\" is invalid: spec.validation.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified",
            result.Message);
    }

    [Fact]
    public void TodaysCrdFixture_IsRefusedWithTheApiServersMessage()
    {
        var result = CustomResourceDefinitionChecker.Check(Yaml(TodaysCrdFixture));

        Assert.Equal(
            "CustomResourceDefinition.apiextensions.k8s.io \"workloadclasses.automode.io\" is invalid: spec.validation.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified",
            result.Message);
    }

    [Fact]
    public void BaseFixture_IsAccepted()
    {
        var result = Check(Crd(SpecSchema("""{"size": {"type": "integer"}}""")));

        Assert.True(result.Accepted, result.Message);
    }

    /// <summary>One refused CRD per rule: a reason, the CRD, and the exact error line the API server prints.</summary>
    public static TheoryData<string, string, string> Refusals() => new()
    {
        // ---- structural schema (apiserver/schema/validation.go, complete.go) ----
        { "metadata: only name/generateName", Root("""{"metadata": {"type": "object", "properties": {"labels": {"type": "object"}}}}"""), $"{P}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified" },
        { "metadata must be an object", Root("""{"metadata": {"type": "string"}}"""), $"{P}.properties[metadata].type: Invalid value: \"string\": must be object" },
        { "field without type", Crd(SpecSchema("""{"size": {"description": "x"}}""")), $"{P}.properties[spec].properties[size].type: Required value: must not be empty for specified object fields" },
        { "items without type", Crd(SpecSchema("""{"list": {"type": "array", "items": {"description": "x"}}}""")), $"{P}.properties[spec].properties[list].items.type: Required value: must not be empty for specified array items" },
        { "root without type", Crd("""{"properties": {"spec": {"type": "object"}}}"""), $"{P}.type: Required value: must not be empty at the root" },
        { "root not an object", Crd("""{"type": "string"}"""), $"{P}.type: Invalid value: \"string\": must be object at the root" },
        { "array without items", Crd(SpecSchema("""{"list": {"type": "array"}}""")), $"{P}.properties[spec].properties[list].items: Required value: must be specified" },
        { "additionalProperties at the root", Crd("""{"type": "object", "additionalProperties": {"type": "string"}}"""), $"{P}.additionalProperties: Forbidden: must not be used at the root" },
        { "type inside anyOf", Crd(SpecSchema("""{"size": {"type": "integer", "anyOf": [{"type": "integer", "minimum": 1}]}}""")), $"{P}.properties[spec].properties[size].anyOf[0].type: Forbidden: must be empty to be structural" },
        { "description inside allOf", Crd(SpecSchema("""{"size": {"type": "integer", "allOf": [{"description": "x"}]}}""")), $"{P}.properties[spec].properties[size].allOf[0].description: Forbidden: must be empty to be structural" },
        { "default inside oneOf", Crd(SpecSchema("""{"size": {"type": "integer", "oneOf": [{"default": 1}]}}""")), $"{P}.properties[spec].properties[size].oneOf[0].default: Forbidden: must be undefined to be structural" },
        { "nullable inside not", Crd(SpecSchema("""{"size": {"type": "integer", "not": {"nullable": true}}}""")), $"{P}.properties[spec].properties[size].not.nullable: Forbidden: must be false to be structural" },
        { "additionalProperties inside anyOf", Crd(SpecSchema("""{"m": {"type": "object", "anyOf": [{"additionalProperties": {"maxLength": 1}}]}}""")), $"{P}.properties[spec].properties[m].anyOf[0].additionalProperties: Forbidden: must be undefined to be structural" },
        { "CEL inside allOf", Crd(SpecSchema("""{"size": {"type": "integer", "allOf": [{"x-kubernetes-validations": [{"rule": "self > 0"}]}]}}""")), $"{P}.properties[spec].properties[size].allOf[0].x-kubernetes-validations: Forbidden: must be empty to be structural" },
        { "list type inside anyOf", Crd(SpecSchema("""{"l": {"type": "array", "items": {"type": "string"}, "anyOf": [{"x-kubernetes-list-type": "set"}]}}""")), $"{P}.properties[spec].properties[l].anyOf[0].x-kubernetes-list-type: Forbidden: must be undefined to be structural" },
        { "metadata in a nested context", Crd("""{"type": "object", "properties": {"metadata": {"type": "object"}}, "allOf": [{"properties": {"metadata": {"required": ["name"]}}}]}"""), $"{P}.allOf[0].properties[metadata]: Forbidden: must not be specified in a nested context" },
        { "completeness of value validations", Crd("""{"type": "object", "properties": {"spec": {"type": "object"}}, "anyOf": [{"properties": {"other": {"minimum": 1}}}]}"""), $"{P}.properties[other]: Required value: because it is defined in {P}.anyOf[0].properties[other]" },
        { "int-or-string with preserve-unknown-fields", Crd(SpecSchema("""{"q": {"x-kubernetes-int-or-string": true, "x-kubernetes-preserve-unknown-fields": true}}""")), $"{P}.properties[spec].properties[q].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true" },
        { "int-or-string anyOf with more than types", Crd(SpecSchema("""{"q": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string", "maxLength": 3}]}}""")), $"{P}.properties[spec].properties[q].anyOf[0].type: Forbidden: must be empty to be structural" },
        { "embedded resource not an object", Crd(SpecSchema("""{"e": {"type": "string", "x-kubernetes-embedded-resource": true}}""")), $"{P}.properties[spec].properties[e].type: Invalid value: \"string\": must be object if x-kubernetes-embedded-resource is true" },
        { "embedded resource without properties", Crd(SpecSchema("""{"e": {"type": "object", "x-kubernetes-embedded-resource": true}}""")), $"{P}.properties[spec].properties[e].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields" },
        { "kind must be a string", Root("""{"kind": {"type": "integer"}}"""), $"{P}.properties[kind].type: Invalid value: \"integer\": must be string" },
        { "pattern must compile with RE2", Crd(SpecSchema("""{"s": {"type": "string", "pattern": "^(?=a)"}}""")), $"{P}.properties[spec].properties[s].pattern: Invalid value: \"^(?=a)\": must be a valid regular expression, but isn't: error parsing regexp: invalid or unsupported Perl syntax: `(?=`" },

        // ---- OpenAPI schema rules (apis/apiextensions/validation/validation.go) ----
        { "additionalProperties beside properties", Crd(SpecSchema("""{"m": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "string"}}}""")), $"{P}.properties[spec].properties[m].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive" },
        { "uniqueItems", Crd(SpecSchema("""{"l": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}}""")), $"{P}.properties[spec].properties[l].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic" },
        { "unknown type", Crd(SpecSchema("""{"s": {"type": "text"}}""")), $"{P}.properties[spec].properties[s].type: Unsupported value: \"text\": supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\"" },
        { "type null", Crd(SpecSchema("""{"s": {"type": "null"}}""")), $"{P}.properties[spec].properties[s].type: Forbidden: type cannot be set to null, use nullable as an alternative" },
        { "$ref", Crd(SpecSchema("""{"s": {"type": "string", "$ref": "#/definitions/x"}}""")), $"{P}.properties[spec].properties[s].$ref: Forbidden: $ref is not supported" },
        { "definitions", Crd("""{"type": "object", "definitions": {"x": {"type": "string"}}}"""), $"{P}.definitions: Forbidden: definitions is not supported" },
        { "patternProperties", Crd(SpecSchema("""{"m": {"type": "object", "patternProperties": {"^a": {"type": "string"}}}}""")), $"{P}.properties[spec].properties[m].patternProperties: Forbidden: patternProperties is not supported" },
        { "tuple items", Crd(SpecSchema("""{"l": {"type": "array", "items": [{"type": "string"}]}}""")), $"{P}.properties[spec].properties[l].items: Forbidden: items must be a schema object and not an array" },
        { "default in top-level metadata", Root("""{"metadata": {"type": "object", "default": {"name": "x"}}}"""), $"{P}.properties[metadata].default: Forbidden: must not be set in top-level metadata" },
        { "default inside additionalProperties of metadata", Crd("""{"type": "object", "properties": {"spec": {"type": "object", "properties": {"e": {"type": "object", "x-kubernetes-embedded-resource": true, "properties": {"metadata": {"type": "object", "additionalProperties": {"type": "string", "default": "x"}}}}}}}}"""), $"{P}.properties[spec].properties[e].properties[metadata].additionalProperties.default: Forbidden: must not be set inside additionalProperties applying to object metadata" },
        { "preserve-unknown-fields false", Crd(SpecSchema("""{"o": {"type": "object", "x-kubernetes-preserve-unknown-fields": false}}""")), $"{P}.properties[spec].properties[o].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined" },
        { "map type on a non-object", Crd(SpecSchema("""{"s": {"type": "string", "x-kubernetes-map-type": "atomic"}}""")), $"{P}.properties[spec].properties[s].type: Invalid value: \"string\": must be object if x-kubernetes-map-type is specified" },
        { "unknown map type", Crd(SpecSchema("""{"o": {"type": "object", "x-kubernetes-map-type": "merge"}}""")), $"{P}.properties[spec].properties[o].x-kubernetes-map-type: Unsupported value: \"merge\": supported values: \"atomic\", \"granular\"" },
        { "list type on a non-array", Crd(SpecSchema("""{"o": {"type": "object", "x-kubernetes-list-type": "set"}}""")), $"{P}.properties[spec].properties[o].type: Invalid value: \"object\": must be array if x-kubernetes-list-type is specified" },
        { "unknown list type", Crd(SpecSchema("""{"l": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "bag"}}""")), $"{P}.properties[spec].properties[l].x-kubernetes-list-type: Unsupported value: \"bag\": supported values: \"atomic\", \"set\", \"map\"" },
        { "map keys without list type map", Crd(SpecSchema("""{"l": {"type": "array", "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}, "x-kubernetes-list-map-keys": ["name"]}}""")), $"{P}.properties[spec].properties[l].x-kubernetes-list-type: Required value: must be map if x-kubernetes-list-map-keys is non-empty" },
        { "map list without keys", Crd(SpecSchema("""{"l": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}, "x-kubernetes-list-type": "map"}}""")), $"{P}.properties[spec].properties[l].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map" },
        { "map list of scalars", Crd(SpecSchema("""{"l": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"]}}""")), $"{P}.properties[spec].properties[l].items.type: Invalid value: \"string\": must be object if parent array's x-kubernetes-list-type is map" },
        { "map key must be scalar", Crd(SpecSchema("""{"l": {"type": "array", "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "object"}}}, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"]}}""")), $"{P}.properties[spec].properties[l].items.properties[name].type: Invalid value: \"object\": must be a scalar type if parent array's x-kubernetes-list-type is map" },
        { "map key required or defaulted", Crd(SpecSchema("""{"l": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"]}}""")), $"{P}.properties[spec].properties[l].items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property" },
        { "map key not nullable", Crd(SpecSchema("""{"l": {"type": "array", "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "nullable": true}}}, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"]}}""")), $"{P}.properties[spec].properties[l].items.properties[name].nullable: Forbidden: this property is in x-kubernetes-list-map-keys, so it cannot be nullable" },
        { "set items not nullable", Crd(SpecSchema("""{"l": {"type": "array", "items": {"type": "string", "nullable": true}, "x-kubernetes-list-type": "set"}}""")), $"{P}.properties[spec].properties[l].items.nullable: Forbidden: cannot be nullable when x-kubernetes-list-type is set" },
        { "set of granular objects", Crd(SpecSchema("""{"l": {"type": "array", "items": {"type": "object", "properties": {"a": {"type": "string"}}}, "x-kubernetes-list-type": "set"}}""")), $"{P}.properties[spec].properties[l].items.x-kubernetes-map-type: Invalid value: null: must be atomic as item of a list with x-kubernetes-list-type=set" },
        { "rule missing", Crd(SpecSchema("""{"s": {"type": "string", "x-kubernetes-validations": [{"message": "m"}]}}""")), $"{P}.properties[spec].properties[s].x-kubernetes-validations[0].rule: Required value: rule is not specified" },
        { "blank message", Crd(SpecSchema("""{"s": {"type": "string", "x-kubernetes-validations": [{"rule": "self != ''", "message": "  "}]}}""")), $"{P}.properties[spec].properties[s].x-kubernetes-validations[0].message: Invalid value: \"  \": must be non-empty if specified" },
        { "message with a line break", Crd(SpecSchema("""{"s": {"type": "string", "x-kubernetes-validations": [{"rule": "self != ''", "message": "a\nb"}]}}""")), $"{P}.properties[spec].properties[s].x-kubernetes-validations[0].message: Invalid value: \"a\\nb\": must not contain line breaks" },
        { "multi-line rule without message", Crd(SpecSchema("""{"s": {"type": "string", "x-kubernetes-validations": [{"rule": "self != ''\n&& self != 'x'"}]}}""")), $"{P}.properties[spec].properties[s].x-kubernetes-validations[0].message: Required value: message must be specified if rule contains line breaks" },
        { "blank messageExpression", Crd(SpecSchema("""{"s": {"type": "string", "x-kubernetes-validations": [{"rule": "self != ''", "messageExpression": " "}]}}""")), $"{P}.properties[spec].properties[s].x-kubernetes-validations[0].messageExpression: Required value: messageExpression must be non-empty if specified" },
        { "unknown reason", Crd(SpecSchema("""{"s": {"type": "string", "x-kubernetes-validations": [{"rule": "self != ''", "reason": "Nope"}]}}""")), $"{P}.properties[spec].properties[s].x-kubernetes-validations[0].reason: Unsupported value: \"Nope\": supported values: \"FieldValueDuplicate\", \"FieldValueForbidden\", \"FieldValueInvalid\", \"FieldValueRequired\"" },
        { "fieldPath to nowhere", Crd(SpecSchema("""{"o": {"type": "object", "properties": {"a": {"type": "string"}}, "x-kubernetes-validations": [{"rule": "true", "fieldPath": ".b"}]}}""")), $"{P}.properties[spec].properties[o].x-kubernetes-validations[0].fieldPath: Invalid value: \".b\": must be a valid path" },
        { "oldSelf below an atomic list", Crd(SpecSchema("""{"l": {"type": "array", "items": {"type": "string", "maxLength": 5, "x-kubernetes-validations": [{"rule": "self == oldSelf"}]}}}""")), $"{P}.properties[spec].properties[l].items.x-kubernetes-validations[0].rule: Invalid value: \"self == oldSelf\": oldSelf cannot be used on the uncorrelatable portion of the schema within {P}.properties[spec].properties[l]" },
        { "optionalOldSelf without oldSelf", Crd(SpecSchema("""{"s": {"type": "string", "x-kubernetes-validations": [{"rule": "self != ''", "optionalOldSelf": true}]}}""")), $"{P}.properties[spec].properties[s].x-kubernetes-validations[0].optionalOldSelf: Invalid value: true: may not be set if oldSelf is not used in rule" },
        { "nullable root", Crd("""{"type": "object", "nullable": true}"""), $"{P}.nullable: Forbidden: nullable cannot be true at the root" },
        { "root fields with the status subresource", Crd("""{"type": "object", "minProperties": 1, "properties": {"status": {"type": "object"}}}""", StatusSubresource), $"{P}: Invalid value: {{\"type\":\"object\",\"minProperties\":1,\"properties\":{{\"status\":{{\"type\":\"object\"}}}}}}: only [Description Type Format Title Maximum ExclusiveMaximum Minimum ExclusiveMinimum MaxLength MinLength Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties ExternalDocs Example XPreserveUnknownFields XValidations] fields are allowed at the root of the schema if the status subresource is enabled" },

        // ---- defaults (apiserver/schema/defaulting/validation.go) ----
        { "default with unknown fields", Crd(SpecSchema("""{"o": {"type": "object", "properties": {"a": {"type": "string"}}, "default": {"a": "x", "b": "y"}}}""")), $"{P}.properties[spec].properties[o].default: Invalid value: {{\"a\":\"x\",\"b\":\"y\"}}: must not have unknown fields" },
        { "default that fails its schema", Crd(SpecSchema("""{"n": {"type": "integer", "minimum": 5, "default": 1}}""")), $"{P}.properties[spec].properties[n].default: Invalid value: 1: " },

        // ---- the CRD object (validation.go ValidateCustomResourceDefinition) ----
        { "name is plural.group", Crd(SpecSchema("{}"), c => c["metadata"]!["name"] = "gadgets.example.com"), "metadata.name: Invalid value: \"gadgets.example.com\": must be spec.names.plural+\".\"+spec.group" },
        { "group with a dot", Crd(SpecSchema("{}"), c => { c["spec"]!["group"] = "example"; c["metadata"]!["name"] = "widgets.example"; }), "spec.group: Invalid value: \"example\": should be a domain with at least one dot" },
        { "scope", Crd(SpecSchema("{}"), c => c["spec"]!["scope"] = "Global"), "spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"" },
        { "version name", Crd(SpecSchema("{}"), c => c["spec"]!["versions"]![0]!["name"] = "V1"), "spec.versions[0].name: Invalid value: \"V1\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')" },
        { "schema required", Crd(SpecSchema("{}"), c => c["spec"]!["versions"]![0]!.AsObject().Remove("schema")), "spec.versions[0].schema.openAPIV3Schema: Required value" },
        { "kind and listKind differ", Crd(SpecSchema("{}"), c => c["spec"]!["names"]!["listKind"] = "Widget"), "spec.names.listKind: Invalid value: \"Widget\": kind and listKind may not be the same" },
        { "short names are DNS labels", Crd(SpecSchema("{}"), c => c["spec"]!["names"]!["shortNames"] = new JsonArray("W_1")), "spec.names.shortNames[0]: Invalid value: \"W_1\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')" },
        { "printer column type", Crd(SpecSchema("{}"), c => c["spec"]!["versions"]![0]!["additionalPrinterColumns"] = JsonNode.Parse("""[{"name": "Size", "type": "int", "jsonPath": ".spec.size"}]""")), "spec.additionalPrinterColumns[0].type: Invalid value: \"int\": must be one of boolean,date,integer,number,string" },
        { "printer column path", Crd(SpecSchema("{}"), c => c["spec"]!["versions"]![0]!["additionalPrinterColumns"] = JsonNode.Parse("""[{"name": "Size", "type": "integer", "jsonPath": "spec.size"}]""")), "spec.additionalPrinterColumns[0].JSONPath: Invalid value: \"spec.size\": must be a simple json path starting with ." },
        { "scale paths", Crd(SpecSchema("{}"), c => c["spec"]!["versions"]![0]!["subresources"] = JsonNode.Parse("""{"scale": {"specReplicasPath": ".status.replicas", "statusReplicasPath": ".status.replicas"}}""")), "spec.subresources.scale.specReplicasPath: Invalid value: \".status.replicas\": should be a json path under .spec" },
        { "webhook conversion needs a client", Crd(SpecSchema("{}"), c => c["spec"]!["conversion"] = JsonNode.Parse("""{"strategy": "Webhook", "webhook": {"conversionReviewVersions": ["v1"]}}""")), "spec.conversion.webhookClientConfig: Required value: required when strategy is set to Webhook" },
        { "preserveUnknownFields", Crd(SpecSchema("{}"), c => c["spec"]!["preserveUnknownFields"] = true), "spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void BadCrd_IsRefusedWithTheApiServersError(string reason, string crd, string expected)
    {
        var result = CustomResourceDefinitionChecker.Check(JsonNode.Parse(crd)!.AsObject());

        Assert.Equal(422, result.StatusCode);
        var lines = result.Errors.Select(e => e.ToString()).ToList();
        Assert.True(lines.Any(l => expected.EndsWith(": ", StringComparison.Ordinal) ? l.StartsWith(expected, StringComparison.Ordinal) : l == expected), $"{reason}: expected\n{expected}\ngot\n{string.Join("\n", lines)}");
    }

    [Fact]
    public void SeveralErrors_AreAggregatedInBrackets()
    {
        var result = Check(Crd(SpecSchema("""{"a": {"description": "x"}, "b": {"type": "array"}}""")));

        Assert.Equal(
            $"CustomResourceDefinition.apiextensions.k8s.io \"widgets.example.com\" is invalid: [{P}.properties[spec].properties[a].type: Required value: must not be empty for specified object fields, {P}.properties[spec].properties[b].items: Required value: must be specified]",
            result.Message);
    }

    [Fact]
    public void DifferentSchemasPerVersion_AreReportedPerVersion()
    {
        var crd = Crd(SpecSchema("""{"a": {"type": "string"}}"""), c =>
        {
            var second = c["spec"]!["versions"]![0]!.DeepClone();
            second["name"] = "v2";
            second["storage"] = false;
            second["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["a"]!.AsObject().Remove("type");
            c["spec"]!["versions"]!.AsArray().Add(second);
        });

        var result = Check(crd);

        Assert.Equal("spec.versions[1].schema.openAPIV3Schema.properties[spec].properties[a].type: Required value: must not be empty for specified object fields", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void UnknownSchemaKeyword_IsAStrictDecodingError()
    {
        var result = Check(Crd(SpecSchema("""{"a": {"type": "string", "examples": ["x"]}}""")));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("CustomResourceDefinition in version \"v1\" cannot be handled as a CustomResourceDefinition: strict decoding error: unknown field \"spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[a].examples\"", result.Message);
    }

    [Fact]
    public void JsonSchemaTypeArray_DoesNotDecode()
    {
        var result = Check(Crd(SpecSchema("""{"a": {"type": ["string", "null"]}}""")));

        Assert.Equal(400, result.StatusCode);
    }

    [Theory]
    [InlineData("""{"q": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}], "pattern": "^[0-9]+$"}}""")]
    [InlineData("""{"q": {"x-kubernetes-int-or-string": true, "allOf": [{"anyOf": [{"type": "integer"}, {"type": "string"}]}, {"maximum": 3}]}}""")]
    [InlineData("""{"o": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}""")]
    [InlineData("""{"l": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string", "default": "main"}}}, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"]}}""")]
    [InlineData("""{"l": {"type": "array", "items": {"type": "object", "x-kubernetes-map-type": "atomic", "properties": {"a": {"type": "string"}}}, "x-kubernetes-list-type": "set"}}""")]
    [InlineData("""{"m": {"type": "object", "additionalProperties": {"type": "string"}, "maxProperties": 3}}""")]
    [InlineData("""{"l": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"], "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}, "x-kubernetes-validations": [{"rule": "self.name == oldSelf.name"}]}}}""")]
    [InlineData("""{"o": {"type": "object", "properties": {"a": {"type": "string", "default": "x"}}, "default": {}}}""")]
    public void AllowedConstructs_AreAccepted(string specProperties)
    {
        var result = Check(Crd(SpecSchema(specProperties)));

        Assert.True(result.Accepted, result.Message);
    }

    private const string TodaysCrdFixture = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: workloadclasses.automode.io
        spec:
          group: automode.io
          names:
            kind: WorkloadClass
            listKind: WorkloadClassList
            plural: workloadclasses
            singular: workloadclass
            shortNames:
            - wlc
          scope: Cluster
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources:
              status: {}
            schema:
              openAPIV3Schema:
                type: object
                required:
                - spec
                properties:
                  apiVersion:
                    type: string
                  kind:
                    type: string
                  metadata:
                    type: object
                    description: Standard object metadata. The name becomes the NodeClass and NodePool name.
                  spec:
                    type: object
                    properties:
                      nodeRole:
                        type: string
                        maxLength: 2048
                  status:
                    type: object
                x-kubernetes-validations:
                - rule: "size(self.metadata.name) <= 63"
                  message: name must be at most 63 characters
        """;

    private static void StatusSubresource(JsonObject crd) => crd["spec"]!["versions"]![0]!["subresources"] = new JsonObject { ["status"] = new JsonObject() };

    private static string SpecSchema(string specProperties) =>
        """{"type": "object", "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"}, "spec": {"type": "object", "properties": """ + specProperties + "}}}";

    /// <summary>A root schema whose properties are <paramref name="rootProperties"/> plus a plain spec.</summary>
    private static string Root(string rootProperties)
    {
        var properties = JsonNode.Parse(rootProperties)!.AsObject();
        properties["spec"] ??= new JsonObject { ["type"] = "object" };
        return Crd(new JsonObject { ["type"] = "object", ["properties"] = properties }.ToJsonString());
    }

    private static string Crd(string schema, Action<JsonObject>? tweak = null)
    {
        var crd = JsonNode.Parse($$$"""
            {
              "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
              "metadata": {"name": "widgets.example.com"},
              "spec": {
                "group": "example.com", "scope": "Namespaced",
                "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"},
                "versions": [{"name": "v1", "served": true, "storage": true, "schema": {"openAPIV3Schema": {{{schema}}}}}]
              }
            }
            """)!.AsObject();
        tweak?.Invoke(crd);
        return crd.ToJsonString();
    }

    private static CrdCheckResult Check(string crdJson) => CustomResourceDefinitionChecker.Check(JsonNode.Parse(crdJson)!.AsObject());

    private static JsonObject Yaml(string yaml) => YamlJsonReader.Parse(yaml)!.AsObject();

    private static IEnumerable<JsonObject> CrdDocuments(string file) =>
        (file.EndsWith(".json", StringComparison.Ordinal) ? [JsonNode.Parse(File.ReadAllText(file))] : YamlJsonReader.ParseAll(File.ReadAllText(file)))
            .OfType<JsonObject>()
            .Where(d => (string?)d["kind"] == "CustomResourceDefinition" && ((string?)d["apiVersion"])?.StartsWith("apiextensions.k8s.io/", StringComparison.Ordinal) == true);
}
