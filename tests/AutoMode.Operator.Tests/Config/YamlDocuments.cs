using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace AutoMode.Operator.Tests.Config;

/// <summary>Multi-document YAML to JSON nodes for assertions (scalars stay strings, as YAML wrote them).</summary>
internal static class YamlDocuments
{
    public static IReadOnlyList<JsonObject> Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var documents = new List<JsonObject>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var value = deserializer.Deserialize<object?>(parser);
            if (value is not null && JsonSerializer.SerializeToNode(value) is JsonObject obj)
            {
                documents.Add(obj);
            }
        }

        return documents;
    }
}
