using System.Text.Json.Serialization;
using k8s.Models;

namespace AutoMode.Kubernetes.Informers;

/// <summary>The wire shape of a LIST response for any kind.</summary>
internal sealed class ObjectList<T>
{
    [JsonPropertyName("metadata")]
    public V1ListMeta? Metadata { get; set; }

    [JsonPropertyName("items")]
    public IList<T>? Items { get; set; }
}
