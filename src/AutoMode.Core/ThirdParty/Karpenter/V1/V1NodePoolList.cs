using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

public sealed class V1NodePoolList : IKubernetesObject<V1ListMeta>, IItems<V1NodePool>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = V1NodePool.ApiVersionValue;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = ResourceKinds.NodePoolKind + "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V1NodePool> Items { get; set; } = [];
}
