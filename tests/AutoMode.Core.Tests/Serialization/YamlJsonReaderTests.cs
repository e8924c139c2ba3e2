using AutoMode.Core.Serialization;

namespace AutoMode.Core.Tests.Serialization;

public sealed class YamlJsonReaderTests
{
    [Fact]
    public void Parse_PlainAndQuotedScalars_AreTypedLikeKubectlAndTheApiServer()
    {
        var node = YamlJsonReader.Parse("""
            quoted: "100"
            number: 100
            big: 99999999999999999999
            ratio: 1.5
            flag: true
            yes11: yes
            off11: off
            text: 80Gi
            empty:
            tilde: ~
            single: '3000'
            tagged: !!str 5
            quotedYes: "yes"
            list: [a, 1]
            """)!.AsObject();

        Assert.Equal("\"100\"", node["quoted"]!.ToJsonString());
        Assert.Equal("100", node["number"]!.ToJsonString());
        // Past int64 and uint64 goyaml.v2 falls back to a float, so the value loses its last digits.
        Assert.Equal(1e20, node["big"]!.GetValue<double>());
        Assert.Equal("1.5", node["ratio"]!.ToJsonString());
        Assert.Equal("true", node["flag"]!.ToJsonString());
        // YAML 1.1 booleans, as sigs.k8s.io/yaml (goyaml.v2) reads them; a YAML 1.2 reader would keep strings.
        Assert.Equal("true", node["yes11"]!.ToJsonString());
        Assert.Equal("false", node["off11"]!.ToJsonString());
        Assert.Equal("\"80Gi\"", node["text"]!.ToJsonString());
        Assert.Null(node["empty"]);
        Assert.True(node.ContainsKey("tilde"));
        Assert.Equal("\"3000\"", node["single"]!.ToJsonString());
        Assert.Equal("\"5\"", node["tagged"]!.ToJsonString());
        Assert.Equal("\"yes\"", node["quotedYes"]!.ToJsonString());
        Assert.Equal("[\"a\",1]", node["list"]!.ToJsonString());
    }

    [Fact]
    public void ParseAll_MultipleDocuments_ReturnsEach()
    {
        var documents = YamlJsonReader.ParseAll("a: 1\n---\nb: 2\n");

        Assert.Equal(2, documents.Count);
    }

    [Fact]
    public void Parse_TwoDocuments_Throws() =>
        Assert.Throws<InvalidDataException>(() => YamlJsonReader.Parse("a: 1\n---\nb: 2\n"));

    [Fact]
    public void ParseAll_BrokenDocument_Throws() =>
        Assert.Throws<InvalidDataException>(() => YamlJsonReader.ParseAll("a: 1\n---\nb: [\n"));
}
