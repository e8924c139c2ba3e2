using System.Text.Json.Serialization;

namespace AutoMode.Kubernetes.Informers;

/// <summary>
/// One item of a LIST page, decoded on its own: <see cref="Value"/> when it decodes, otherwise the object's name (when
/// readable) and the JSON path that failed. With CRD validation off, one object with a wrongly typed field must not
/// fail the whole list, and with it the cache and every other object of the kind.
/// </summary>
[JsonConverter(typeof(ListItemConverterFactory))]
internal readonly record struct ListItem<T>(T? Value, string? Name, string? ErrorPath)
    where T : class;
