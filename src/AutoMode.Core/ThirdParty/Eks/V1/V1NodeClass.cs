using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AutoMode.Core.ThirdParty.Eks.V1;

/// <summary>EKS Auto Mode NodeClass (eks.amazonaws.com/v1, cluster-scoped): only the fields the operator sets or reads.</summary>
[KubernetesEntity(Group = ResourceKinds.EksGroup, ApiVersion = ResourceKinds.V1, Kind = ResourceKinds.NodeClassKind, PluralName = ResourceKinds.NodeClassPlural)]
public sealed class V1NodeClass : IKubernetesObject<V1ObjectMeta>, ISpec<V1NodeClassSpec>
{
    public const string ApiVersionValue = ResourceKinds.EksGroup + "/" + ResourceKinds.V1;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiVersionValue;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = ResourceKinds.NodeClassKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public V1NodeClassSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public V1NodeClassStatus? Status { get; set; }
}
