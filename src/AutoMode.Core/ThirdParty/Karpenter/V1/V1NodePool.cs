using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

/// <summary>Karpenter NodePool (karpenter.sh/v1, cluster-scoped) as EKS Auto Mode serves it: only the fields the operator sets or reads.</summary>
[KubernetesEntity(Group = ResourceKinds.KarpenterGroup, ApiVersion = ResourceKinds.V1, Kind = ResourceKinds.NodePoolKind, PluralName = ResourceKinds.NodePoolPlural)]
public sealed class V1NodePool : IKubernetesObject<V1ObjectMeta>, ISpec<V1NodePoolSpec>
{
    public const string ApiVersionValue = ResourceKinds.KarpenterGroup + "/" + ResourceKinds.V1;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiVersionValue;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = ResourceKinds.NodePoolKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public V1NodePoolSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public V1NodePoolStatus? Status { get; set; }
}
