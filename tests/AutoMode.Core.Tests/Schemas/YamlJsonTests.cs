using System.Text.Json.Nodes;
using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Schemas;

public sealed class YamlJsonTests
{
    [Fact]
    public void Parse_PlainAndQuotedScalars_AreTypedLikeTheApiServer()
    {
        var node = YamlJson.Parse("""
            quoted: "100"
            number: 100
            big: 99999999999999999999
            ratio: 1.5
            flag: true
            text: 80Gi
            empty:
            tilde: ~
            single: '3000'
            tagged: !!str 5
            list: [a, 1]
            """)!.AsObject();

        Assert.Equal(JsonValueKindOf("\"100\""), node["quoted"]!.ToJsonString());
        Assert.Equal("100", node["number"]!.ToJsonString());
        Assert.Equal("99999999999999999999", node["big"]!.ToJsonString());
        Assert.Equal("1.5", node["ratio"]!.ToJsonString());
        Assert.Equal("true", node["flag"]!.ToJsonString());
        Assert.Equal("\"80Gi\"", node["text"]!.ToJsonString());
        Assert.Null(node["empty"]);
        Assert.True(node.ContainsKey("tilde"));
        Assert.Equal("\"3000\"", node["single"]!.ToJsonString());
        Assert.Equal("\"5\"", node["tagged"]!.ToJsonString());
        Assert.Equal("[\"a\",1]", node["list"]!.ToJsonString());
    }

    [Fact]
    public void ParseAll_MultipleDocuments_ReturnsEach()
    {
        var documents = YamlJson.ParseAll("a: 1\n---\nb: 2\n");

        Assert.Equal(2, documents.Count);
    }

    [Fact]
    public void Parse_TwoDocuments_Throws() =>
        Assert.Throws<InvalidDataException>(() => YamlJson.Parse("a: 1\n---\nb: 2\n"));

    private static string JsonValueKindOf(string json) => JsonNode.Parse(json)!.ToJsonString();
}
