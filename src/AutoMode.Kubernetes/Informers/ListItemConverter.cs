using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoMode.Kubernetes.Informers;

/// <summary>
/// Decodes one list item straight from the response buffer (no per-item string or document), and when it does not
/// decode, rewinds, reads only its name and skips it. The serializer hands a custom converter the whole value, so
/// the rewind never leaves the buffer.
/// </summary>
internal sealed class ListItemConverter<T> : JsonConverter<ListItem<T>>
    where T : class
{
    public override ListItem<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var start = reader;
        try
        {
            return new ListItem<T>(ListItemReaderScope<T>.Read(ref reader, options), null, null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException or ArgumentException)
        {
            reader = start;
            var name = NameOf(reader);
            // TrySkip, not Skip: when the response is read as a stream the reader is not on its final block, and Skip
            // refuses that even though the whole value is buffered.
            reader.TrySkip();
            return new ListItem<T>(null, name, (ex as JsonException)?.Path ?? "$");
        }
    }

    public override void Write(Utf8JsonWriter writer, ListItem<T> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("List items are only read.");

    /// <summary><c>metadata.name</c> of the object at <paramref name="reader"/> (a copy: the caller's position stays).</summary>
    private static string? NameOf(Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var isMetadata = reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("metadata");
            var isName = reader.CurrentDepth == depth + 2 && reader.ValueTextEquals("name");
            reader.Read();
            if (isName && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            if (!isMetadata && !reader.TrySkip())
            {
                return null;
            }
        }

        return null;
    }
}
