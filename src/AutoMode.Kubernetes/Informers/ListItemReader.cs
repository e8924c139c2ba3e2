using System.Text.Json;

namespace AutoMode.Kubernetes.Informers;

/// <summary>
/// Reads one LIST item straight into the shape the cache keeps, skipping every field the operator never reads. For a
/// kind listed in thousands (NodeClaims), decoding the full model only for the transform to drop most of it costs
/// most of the start-up time. Throw <see cref="JsonException"/> on an unexpected shape: the item is then skipped by
/// name like any undecodable one.
/// </summary>
public delegate T? ListItemReader<T>(ref Utf8JsonReader reader, JsonSerializerOptions options)
    where T : class;
