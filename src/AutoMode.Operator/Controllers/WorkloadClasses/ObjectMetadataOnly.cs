using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>Any object read for its metadata alone: it decodes even when the rest of the object would not.</summary>
internal sealed class ObjectMetadataOnly : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();
}
