using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoMode.Core.Serialization;

/// <summary>Writes string maps (labels, tags, selectors) in ordinal key order, so output never depends on insertion order.</summary>
public sealed class SortedStringMapConverter : JsonConverter<IDictionary<string, string>>
{
    public override IDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"expected a map of strings, got {Describe(reader.TokenType)}");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString() ?? "";
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"the value of \"{key}\" must be a string, got {Describe(reader.TokenType)} (quote it)");
            }

            result[key] = reader.GetString() ?? "";
        }

        return result;
    }

    public override void Write(Utf8JsonWriter writer, IDictionary<string, string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (key, item) in value.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, item);
        }

        writer.WriteEndObject();
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.StartObject => "a map",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
