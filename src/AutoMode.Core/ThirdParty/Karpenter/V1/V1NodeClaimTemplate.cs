using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

/// <summary>NodePool spec.template.</summary>
public sealed class V1NodeClaimTemplate
{
    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public V1NodeClaimTemplateMetadata? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public V1NodeClaimTemplateSpec Spec { get; set; } = new();
}
