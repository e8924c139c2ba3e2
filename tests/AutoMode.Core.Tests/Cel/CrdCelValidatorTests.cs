using System.Text.Json.Nodes;
using AutoMode.Testing.Cel;

namespace AutoMode.Core.Tests.Cel;

/// <summary>The evaluator's Kubernetes semantics on small hand-written schemas (schema/cel/validation.go, library/regex.go).</summary>
public sealed class CrdCelValidatorTests
{
    private static CrdCelValidator Validator(string schemaJson) => CrdCelValidator.FromSchema((JsonObject)JsonNode.Parse(schemaJson)!);

    private static JsonObject Obj(string json) => (JsonObject)JsonNode.Parse(json)!;

    private const string Widget = """
        {"type":"object","properties":{"spec":{"type":"object","properties":{
          "name":{"type":"string","x-kubernetes-validations":[
            {"rule":"self.size() <= 3","messageExpression":"'name ' + self + ' is longer than 3'"},
            {"rule":"self != 'bad'","reason":"FieldValueForbidden","message":"no bad names"},
            {"rule":"self != 'dup'","reason":"FieldValueDuplicate"},
            {"rule":"self != 'nom'"}]},
          "ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object","properties":{
            "name":{"type":"string"},"port":{"type":"integer"}},
            "x-kubernetes-validations":[{"rule":"self.port == oldSelf.port","message":"port is immutable","fieldPath":".port"}]}},
          "labels":{"type":"object","additionalProperties":{"type":"string","x-kubernetes-validations":[{"rule":"self.matches('^[a-z]+$')","message":"lowercase only"}]},
            "x-kubernetes-validations":[{"rule":"has(self.app)","message":"needs app","fieldPath":"['app']"}]},
          "tags":{"type":"object","additionalProperties":{"type":"string"}},
          "regex":{"type":"string","x-kubernetes-validations":[
            {"rule":"self.find('[0-9]+') == '' || self.findAll('[0-9]+').size() <= 2","message":"at most two numbers"},
            {"rule":"!self.matches('^end$')","message":"exactly end"}]}},
          "x-kubernetes-validations":[{"rule":"!has(self.tags) || has(self.name)","message":"tags need a name","fieldPath":".name"},
            {"rule":"self.missing == 1","message":"never shown"}]}},
         "x-kubernetes-validations":[{"rule":"self.metadata.name.startsWith('w-')","message":"names start with w-"}]}
        """;

    [Fact]
    public void Message_ComesFromMessageExpression_Message_OrTheRule_AndReasonSetsTheKind()
    {
        var validator = Validator(Widget);

        string Error(string name) => Assert.Single(
            validator.Validate(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "w-1" }, ["spec"] = new JsonObject { ["name"] = name, ["missing"] = 1 } }).Errors).ToString();

        Assert.Equal("spec.name: Invalid value: \"string\": name abcd is longer than 3", Error("abcd"));
        Assert.Equal("spec.name: Forbidden: no bad names", Error("bad"));
        Assert.Equal("spec.name: Duplicate value: \"string\"", Error("dup"));
        Assert.Equal("spec.name: Invalid value: \"string\": failed rule: self != 'nom'", Error("nom"));
    }

    [Fact]
    public void RootRule_IsReportedAtNil_AndSeesOnlyNameOfMetadata()
    {
        var errors = Validator(Widget).Validate(Obj("""{"metadata":{"name":"x","labels":{"a":"b"}},"spec":{"missing":1}}""")).Errors;

        Assert.Equal("<nil>: Invalid value: \"object\": names start with w-", Assert.Single(errors).ToString());
    }

    [Fact]
    public void EvaluationError_IsReportedAtTheNode()
    {
        var error = Assert.Single(Validator(Widget).Validate(Obj("""{"metadata":{"name":"w-1"},"spec":{}}""")).Errors);

        Assert.Equal("spec", error.Field);
        Assert.EndsWith(" evaluating rule: never shown", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldPath_NamesPropertiesAndMapKeys()
    {
        var errors = Validator(Widget).Validate(Obj("""{"metadata":{"name":"w-1"},"spec":{"missing":1,"tags":{},"labels":{"x":"UP"}}}""")).Errors;

        // A fieldPath is a child of the node even when it starts with a key, so field.Path prints ".[app]".
        Assert.Equal(["spec.labels.[app]", "spec.labels[x]", "spec.name"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Has_IsTrueForAnEmptyMap()
    {
        // Cel's own has() treats {} as absent (proto semantics); Kubernetes sees the key.
        var errors = Validator(Widget).Validate(Obj("""{"metadata":{"name":"w-1"},"spec":{"missing":1,"tags":{}}}""")).Errors;

        Assert.Equal("spec.name", Assert.Single(errors).Field);
    }

    [Fact]
    public void TransitionRule_InMapList_CorrelatesItemsByKey()
    {
        var validator = Validator(Widget);
        var old = Obj("""{"metadata":{"name":"w-1"},"spec":{"missing":1,"ports":[{"name":"a","port":1},{"name":"b","port":2}]}}""");
        var reordered = Obj("""{"metadata":{"name":"w-1"},"spec":{"missing":1,"ports":[{"name":"b","port":2},{"name":"a","port":1},{"name":"c","port":3}]}}""");
        var changed = Obj("""{"metadata":{"name":"w-1"},"spec":{"missing":1,"ports":[{"name":"b","port":2},{"name":"a","port":9}]}}""");

        Assert.True(validator.Validate(changed).IsValid);
        Assert.True(validator.Validate(reordered, old).IsValid);
        Assert.Equal("spec.ports[1].port: Invalid value: \"object\": port is immutable", Assert.Single(validator.Validate(changed, old).Errors).ToString());
    }

    [Fact]
    public void Regex_FollowsRe2()
    {
        var validator = Validator(Widget);
        CelValidationResult Check(string value) => validator.Validate(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "w-1" },
            ["spec"] = new JsonObject { ["missing"] = 1, ["regex"] = value },
        });

        Assert.True(Check("a1b22").IsValid);
        Assert.Equal("at most two numbers", Assert.Single(Check("1a2b3").Errors).Detail);
        Assert.Equal("exactly end", Assert.Single(Check("end").Errors).Detail);
        // RE2's $ does not match before a final newline; .NET's does.
        Assert.True(Check("end\n").IsValid);
    }

    [Theory]
    [InlineData(@"^\d+$", @"^[0-9]+\z")]
    [InlineData(@"[\d_]$", @"[0-9_]\z")]
    [InlineData(@"(?P<x>a)[$]", @"(?<x>a)[$]")]
    [InlineData(@"[]a]\s", @"[\]a][\t\n\f\r ]")]
    [InlineData(@"(?m)^a$", @"(?m)^a$")]
    public void Re2Patterns_AreTranslated(string re2, string dotnet) => Assert.Equal(dotnet, Re2Regex.Translate(re2));

    [Fact]
    public void UnknownFunctions_AreReportedNotEvaluated()
    {
        var validator = Validator("""
            {"type":"object","properties":{"q":{"type":"string","x-kubernetes-validations":[
              {"rule":"quantity(self).isGreaterThan(quantity('1'))"},
              {"rule":"self.lowerAscii() == self"},
              {"rule":"self == oldSelf","optionalOldSelf":true},
              {"rule":"self.startsWith('a') && \"quantity(\" != ''"}]}}}
            """);

        Assert.Equal(3, validator.Unsupported.Count);
        Assert.Contains("quantity, isGreaterThan", validator.Unsupported[0].Unsupported, StringComparison.Ordinal);
        Assert.Contains("lowerAscii", validator.Unsupported[1].Unsupported, StringComparison.Ordinal);
        Assert.Contains("optional", validator.Unsupported[2].Unsupported, StringComparison.Ordinal);
        Assert.Equal("q", Assert.Single(validator.Validate(Obj("""{"q":"b"}""")).Errors).Field);
    }
}
