using System.Text.Json.Nodes;
using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Schemas;

public sealed class OpenApiSchemaValidatorTests
{
    private const string Schema = """
        {
          "type": "object",
          "required": ["spec"],
          "properties": {
            "metadata": {"type": "object"},
            "spec": {
              "type": "object",
              "required": ["role"],
              "properties": {
                "role": {"type": "string", "minLength": 1, "maxLength": 8},
                "id": {"type": "string", "pattern": "subnet-[0-9a-z]+"},
                "anchored": {"type": "string", "pattern": "^a+$"},
                "mode": {"type": "string", "enum": ["A", "B"]},
                "iops": {"type": "integer", "format": "int64", "minimum": 3000, "maximum": 16000},
                "weight": {"type": "integer", "format": "int32", "minimum": 1, "exclusiveMaximum": true, "maximum": 100},
                "ratio": {"type": "number"},
                "on": {"type": "boolean"},
                "list": {"type": "array", "maxItems": 2, "minItems": 1, "items": {"type": "string"}},
                "set": {"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "string"}},
                "tags": {"type": "object", "maxProperties": 2, "minProperties": 1, "additionalProperties": {"type": "string", "maxLength": 3}},
                "closed": {"type": "object", "additionalProperties": false, "properties": {"a": {"type": "string"}}},
                "open": {"type": "object", "x-kubernetes-preserve-unknown-fields": true, "properties": {"a": {"type": "string"}}},
                "quantity": {"anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": true, "pattern": "^[0-9]+(Gi)?$"},
                "nullableJson": {"type": ["string", "null"]},
                "nullableK8s": {"type": "string", "nullable": true},
                "when": {"type": "string", "format": "date-time"},
                "ref": {"$ref": "../meta/objectmeta_v1.json"},
                "local": {"$ref": "#/definitions/small"},
                "either": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                "both": {"allOf": [{"type": "string", "minLength": 2}, {"type": "string", "maxLength": 3}]}
              }
            }
          },
          "definitions": {"small": {"type": "integer", "maximum": 1}}
        }
        """;

    public static TheoryData<string, string?, string> Cases => new()
    {
        // instance spec fragment, expected error path (null = valid), reason
        { """{"role": "r"}""", null, "minimal valid spec" },
        { """{}""", "spec.role", "required property missing" },
        { """{"role": null}""", "spec.role", "null counts as absent, so required fails" },
        { """{"role": ""}""", "spec.role", "minLength" },
        { """{"role": "123456789"}""", "spec.role", "maxLength" },
        { """{"role": "ééééééé"}""", null, "maxLength counts code points, not UTF-8 bytes" },
        { """{"role": 5}""", "spec.role", "type string" },
        { """{"role": "r", "id": "xx subnet-0abc"}""", null, "unanchored pattern matches anywhere" },
        { """{"role": "r", "id": "sg-1"}""", "spec.id", "pattern" },
        { """{"role": "r", "anchored": "ab"}""", "spec.anchored", "anchored pattern" },
        { """{"role": "r", "mode": "C"}""", "spec.mode", "enum" },
        { """{"role": "r", "iops": 2999}""", "spec.iops", "minimum" },
        { """{"role": "r", "iops": 3000.5}""", "spec.iops", "integer rejects fractions" },
        { """{"role": "r", "iops": 16000}""", null, "maximum is inclusive" },
        { """{"role": "r", "weight": 100}""", "spec.weight", "boolean exclusiveMaximum" },
        { """{"role": "r", "weight": 99}""", null, "below exclusive maximum" },
        { """{"role": "r", "ratio": 1.5}""", null, "number accepts fractions" },
        { """{"role": "r", "ratio": 2}""", null, "number accepts integers" },
        { """{"role": "r", "on": "true"}""", "spec.on", "boolean rejects strings" },
        { """{"role": "r", "list": []}""", "spec.list", "minItems" },
        { """{"role": "r", "list": ["a", "b", "c"]}""", "spec.list", "maxItems" },
        { """{"role": "r", "list": ["a", 1]}""", "spec.list[1]", "items schema" },
        { """{"role": "r", "list": ["a", null]}""", "spec.list[1]", "null list item" },
        { """{"role": "r", "set": ["a", "a"]}""", "spec.set[1]", "list-type set must be unique" },
        { """{"role": "r", "tags": {}}""", "spec.tags", "minProperties" },
        { """{"role": "r", "tags": {"a": "1", "b": "2", "c": "3"}}""", "spec.tags", "maxProperties" },
        { """{"role": "r", "tags": {"kubernetes.io/x": "long"}}""", "spec.tags[\"kubernetes.io/x\"]", "additionalProperties schema; odd keys quoted" },
        { """{"role": "r", "tags": {"a": "long"}}""", "spec.tags[\"a\"]", "map entries are always bracketed, as the C# validator writes them" },
        { """{"role": "r", "anchored": "aa\n"}""", "spec.anchored", "$ matches only at the very end, as in RE2" },
        { """{"role": "r", "closed": {"b": "x"}}""", "spec.closed.b", "additionalProperties false" },
        { """{"role": "r", "open": {"b": {"deep": 1}}}""", null, "preserve-unknown-fields" },
        { """{"role": "r", "unknown": 1}""", "spec.unknown", "unknown field rejected by default" },
        { """{"role": "r", "quantity": 5}""", null, "int-or-string accepts integers (pattern is for strings)" },
        { """{"role": "r", "quantity": "5Gi"}""", null, "int-or-string accepts strings" },
        { """{"role": "r", "quantity": "5G"}""", "spec.quantity", "int-or-string string checked by pattern" },
        { """{"role": "r", "quantity": true}""", "spec.quantity", "int-or-string rejects booleans" },
        { """{"role": "r", "nullableJson": null}""", null, "JSON Schema type array with null" },
        { """{"role": "r", "nullableJson": 1}""", "spec.nullableJson", "type array still checks type" },
        { """{"role": "r", "nullableK8s": null}""", null, "nullable: true" },
        { """{"role": "r", "when": "2026-01-02T03:04:05Z"}""", null, "RFC 3339" },
        { """{"role": "r", "when": "2026-01-02"}""", "spec.when", "date-time needs a time" },
        { """{"role": "r", "ref": {"anything": [1, 2]}}""", null, "unresolvable $ref accepts anything" },
        { """{"role": "r", "local": 2}""", "spec.local", "local $ref is followed" },
        { """{"role": "r", "either": 1.5}""", "spec.either", "oneOf with no match" },
        { """{"role": "r", "either": "x"}""", null, "oneOf with one match" },
        { """{"role": "r", "both": "x"}""", "spec.both", "allOf: every branch applies" },
        { """{"role": "r", "both": "xyz"}""", null, "allOf satisfied" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_SpecFragment_ReportsExpectedPath(string spec, string? expectedPath, string reason)
    {
        var instance = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "x", ["labels"] = new JsonObject { ["a"] = "b" } }, ["spec"] = JsonNode.Parse(spec) };

        var errors = OpenApiSchemaValidator.Validate(JsonNode.Parse(Schema)!, instance);

        if (expectedPath is null)
        {
            Assert.True(errors.Count == 0, $"{reason}: unexpected {string.Join("; ", errors)}");
        }
        else
        {
            Assert.True(errors.Any(e => e.Path == expectedPath), $"{reason}: expected an error at {expectedPath}, got [{string.Join("; ", errors)}]");
            Assert.All(errors, e => Assert.Equal(expectedPath, e.Path));
        }
    }

    [Fact]
    public void Validate_UnknownFieldWithLenientOptions_IsAccepted()
    {
        var instance = JsonNode.Parse("""{"spec": {"role": "r", "unknown": 1}}""");

        var errors = OpenApiSchemaValidator.Validate(JsonNode.Parse(Schema)!, instance, new SchemaValidationOptions { RejectUnknownFields = false });

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_NullPropertyWhenNullsAreReported_IsAnError()
    {
        var instance = JsonNode.Parse("""{"spec": {"role": "r", "mode": null}}""");

        var errors = OpenApiSchemaValidator.Validate(JsonNode.Parse(Schema)!, instance, new SchemaValidationOptions { NullPropertiesAreAbsent = false });

        Assert.Equal("spec.mode", Assert.Single(errors).Path);
    }

    [Fact]
    public void Validate_MissingRootRequired_ReportsPath()
    {
        var errors = OpenApiSchemaValidator.Validate(JsonNode.Parse(Schema)!, new JsonObject());

        Assert.Equal("spec", Assert.Single(errors).Path);
    }

    [Fact]
    public void Validate_Int32Overflow_IsAnError()
    {
        var schema = JsonNode.Parse("""{"type": "integer", "format": "int32"}""")!;

        Assert.Single(OpenApiSchemaValidator.Validate(schema, JsonValue.Create(3_000_000_000L)));
        Assert.Empty(OpenApiSchemaValidator.Validate(schema, JsonValue.Create(2_000_000_000L)));
    }

    [Fact]
    public void Validate_JsonElementOverload_MatchesNodeOverload()
    {
        using var schema = System.Text.Json.JsonDocument.Parse("""{"type": "string", "maxLength": 1}""");
        using var instance = System.Text.Json.JsonDocument.Parse("\"ab\"");

        var error = Assert.Single(OpenApiSchemaValidator.Validate(schema.RootElement, instance.RootElement));

        Assert.Equal("", error.Path);
    }
}
