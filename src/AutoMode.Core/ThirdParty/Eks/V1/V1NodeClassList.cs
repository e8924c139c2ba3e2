using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AutoMode.Core.ThirdParty.Eks.V1;

public sealed class V1NodeClassList : IKubernetesObject<V1ListMeta>, IItems<V1NodeClass>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = V1NodeClass.ApiVersionValue;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = ResourceKinds.NodeClassKind + "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V1NodeClass> Items { get; set; } = [];
}
