using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

public sealed class V1NodeClaimList : IKubernetesObject<V1ListMeta>, IItems<V1NodeClaim>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = V1NodeClaim.ApiVersionValue;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = ResourceKinds.NodeClaimKind + "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V1NodeClaim> Items { get; set; } = [];
}
