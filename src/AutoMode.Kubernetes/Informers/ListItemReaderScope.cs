using System.Text.Json;

namespace AutoMode.Kubernetes.Informers;

/// <summary>
/// Hands an informer's <see cref="ListItemReader{T}"/> to <see cref="ListItemConverter{T}"/> for the LIST calls that
/// informer makes. The client decodes with process-wide serializer options, so the reader cannot travel with the
/// options; an async-local flows into exactly the awaited list call and no further (other informers of the same type,
/// watches and GETs keep the full decode).
/// </summary>
internal static class ListItemReaderScope<T>
    where T : class
{
    private static readonly AsyncLocal<ListItemReader<T>?> CurrentReader = new();

    public static ListItemReader<T>? Current => CurrentReader.Value;

    /// <summary>Sets the reader for the rest of the calling async flow (an async method's changes do not leak to its caller).</summary>
    public static void Use(ListItemReader<T>? reader) => CurrentReader.Value = reader;

    public static T? Read(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        Current is { } custom ? custom(ref reader, options) : JsonSerializer.Deserialize<T>(ref reader, options);
}
