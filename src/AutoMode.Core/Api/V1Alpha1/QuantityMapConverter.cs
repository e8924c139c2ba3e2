using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>A map of resource name to quantity whose values may be written as numbers or strings; kept as strings.</summary>
public sealed class QuantityMapConverter : JsonConverter<IDictionary<string, string>?>
{
    private static readonly IntOrStringConverter Value = new();

    public override IDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"expected a map of resource quantities like {{cpu: \"100\"}}, got {(reader.TokenType == JsonTokenType.StartArray ? "a list" : reader.TokenType.ToString())}");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString() ?? "";
            reader.Read();
            result[key] = Value.Read(ref reader, typeof(string), options) ?? "";
        }

        return result;
    }

    public override void Write(Utf8JsonWriter writer, IDictionary<string, string>? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var (key, quantity) in value.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, quantity);
        }

        writer.WriteEndObject();
    }
}
