using System.Text.Json.Nodes;
using AutoMode.Core.Desired;
using AutoMode.Core.Serialization;
using AutoMode.Testing.Builders;

namespace AutoMode.Core.Tests.Serialization;

public sealed class ManifestYamlTests
{
    public static TheoryData<string, string, string> ScalarCases => new()
    {
        { "zero would be an integer", "0", "\"0\"" },
        { "a count would be an integer", "100", "\"100\"" },
        { "percent is quoted", "10%", "\"10%\"" },
        { "YAML 1.1 boolean", "on", "\"on\"" },
        { "YAML 1.1 boolean, other case", "Yes", "\"Yes\"" },
        { "boolean", "true", "\"true\"" },
        { "null word", "null", "\"null\"" },
        { "tilde", "~", "\"~\"" },
        { "alias indicator", "*", "\"*\"" },
        { "sexagesimal time", "08:00", "\"08:00\"" },
        { "date", "2026-12-24", "\"2026-12-24\"" },
        { "float", "1.5", "\"1.5\"" },
        { "exponent", "1e3", "\"1e3\"" },
        { "hex", "0x1F", "\"0x1F\"" },
        { "empty", "", "\"\"" },
        { "leading dash", "-x", "\"-x\"" },
        { "trailing colon", "key:", "\"key:\"" },
        { "colon space", "a: b", "\"a: b\"" },
        { "comment marker", "a #b", "\"a #b\"" },
        { "cron", "0 9 * * 1-5", "\"0 9 * * 1-5\"" },
        { "newline escaped", "a\nb", "\"a\\nb\"" },
        { "quote and backslash escaped", "a\"b\\c", "\"a\\\"b\\\\c\"" },
        { "duration stays plain", "336h", "336h" },
        { "quantity stays plain", "400Gi", "400Gi" },
        { "label key stays plain", "eks.amazonaws.com/instance-category", "eks.amazonaws.com/instance-category" },
        { "ARN stays plain", "arn:aws:iam::123456789012:role/x", "arn:aws:iam::123456789012:role/x" },
        { "on-demand stays plain", "on-demand", "on-demand" },
    };

    [Theory]
    [MemberData(nameof(ScalarCases))]
    public void FormatString_QuotesOnlyWhatYamlWouldMisread(string reason, string value, string expected)
    {
        Assert.True(ManifestYaml.FormatString(value) == expected, $"{reason}: got {ManifestYaml.FormatString(value)}");
    }

    public static TheoryData<string> RoundTripStrings => new()
    {
        "0", "10%", "on", "off", "y", "N", "*", "true", "08:00", "1:20:30", "2026-12-24T10:00:00Z", "", " ", " lead", "trail ",
        "a: b", "#x", "&a", "!tag", "|", ">", "@at", "`tick", "%pct", "[x]", "{x}", "a,b", "-", "- x", "?", "? x", "---", "...",
        ".inf", "-.inf", ".nan", "0o17", "0b101", "1_000", "+1", "-1", "1.", ".5", "tab\there", "line\nbreak", "cr\rhere",
        "unicode é 日本", "emoji 🚀", "\u0001ctl", "quote\"s", "back\\slash", "it's", "=", "<<", "null", "NULL", "~",
    };

    [Theory]
    [MemberData(nameof(RoundTripStrings))]
    public void TrickyStrings_RoundTripAsStrings(string value)
    {
        var yaml = ManifestYaml.Serialize(new JsonObject { [value] = value, ["list"] = new JsonArray(JsonValue.Create(value)) });

        var (read, error) = Assert.Single(YamlJsonReader.ReadDocuments(yaml));
        Assert.Null(error);
        Assert.Equal(value, read!.AsObject()[value]!.GetValue<string>());
        Assert.Equal(value, read["list"]![0]!.GetValue<string>());

        var readByApiServerTyping = YamlJsonReader.Parse(yaml)!;
        Assert.Equal(value, readByApiServerTyping[value]!.GetValue<string>());
    }

    [Fact]
    public void Objects_KubernetesKeyOrder()
    {
        var desired = DesiredStateRenderer.Render(WorkloadClasses.Minimal(uid: "abc"), RenderContext.Default);
        var lines = ManifestYaml.Serialize(desired.NodePool).Split('\n');

        Assert.Equal(["apiVersion: karpenter.sh/v1", "kind: NodePool", "metadata:", "  name: web", "  labels:"], lines[..5]);
        Assert.Equal(
            ["apiVersion", "kind", "metadata", "spec"],
            lines.Where(l => l.Length > 0 && l[0] != ' ').Select(l => l.Split(':')[0]));
        var ownerStart = Array.IndexOf(lines, "  ownerReferences:");
        Assert.Equal(
            ["    - apiVersion: automode.io/v1alpha1", "      kind: WorkloadClass", "      name: web", "      uid: abc", "      controller: true", "      blockOwnerDeletion: true"],
            lines[(ownerStart + 1)..(ownerStart + 7)]);
    }

    [Fact]
    public void NestedStructures_ReadBackIdentically()
    {
        var node = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"X","metadata":{"name":"n"},"spec":{"emptyMap":{},"emptyList":[],"n":3000,"b":false,
             "lists":[[1,"2"],[]],"objs":[{"a":{"b":[{"c":"d"}]},"e":null}],"s":"10%"}}
            """)!;

        var yaml = ManifestYaml.Serialize(node);
        var (read, error) = Assert.Single(YamlJsonReader.ReadDocuments(yaml));

        Assert.Null(error);
        Assert.True(JsonNode.DeepEquals(node, read), yaml);
    }

    [Fact]
    public void JoinDocuments_SeparatesWithDashes()
    {
        var joined = ManifestYaml.JoinDocuments(["a: b\n", "c: d"]);

        Assert.Equal("a: b\n---\nc: d\n", joined);
        Assert.Equal(2, YamlJsonReader.ReadDocuments(joined).Count);
    }

    [Fact]
    public void UnknownType_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ManifestYaml.Serialize(new object()));
    }
}
