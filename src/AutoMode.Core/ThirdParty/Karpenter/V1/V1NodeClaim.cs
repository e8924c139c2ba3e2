using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

/// <summary>Karpenter NodeClaim: the operator only lists (by karpenter.sh/nodepool label), reads status and its NodeClass, and deletes.</summary>
[KubernetesEntity(Group = ResourceKinds.KarpenterGroup, ApiVersion = ResourceKinds.V1, Kind = ResourceKinds.NodeClaimKind, PluralName = ResourceKinds.NodeClaimPlural)]
public sealed class V1NodeClaim : IKubernetesObject<V1ObjectMeta>
{
    public const string ApiVersionValue = ResourceKinds.KarpenterGroup + "/" + ResourceKinds.V1;

    /// <summary>Set by Karpenter on every NodeClaim: the owning NodePool's name.</summary>
    public const string NodePoolLabel = "karpenter.sh/nodepool";

    /// <summary>
    /// Set by Karpenter on every NodeClaim (from its NodePool at launch) and on the NodePool (its current template
    /// hash): a NodeClaim whose value differs from its pool's is Drifted (kubernetes-sigs/karpenter
    /// pkg/controllers/nodeclaim/disruption/drift.go, areStaticFieldsDrifted).
    /// </summary>
    public const string NodePoolHashAnnotation = "karpenter.sh/nodepool-hash";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiVersionValue;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = ResourceKinds.NodeClaimKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public V1NodeClaimSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public V1NodeClaimStatus? Status { get; set; }
}
