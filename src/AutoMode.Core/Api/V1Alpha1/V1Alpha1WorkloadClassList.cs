using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AutoMode.Core.Api.V1Alpha1;

public sealed class V1Alpha1WorkloadClassList : IKubernetesObject<V1ListMeta>, IItems<V1Alpha1WorkloadClass>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = WorkloadClassApi.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = WorkloadClassApi.Kind + "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V1Alpha1WorkloadClass> Items { get; set; } = [];
}
