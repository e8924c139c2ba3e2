using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

/// <summary>NodePool spec.template.spec.</summary>
public sealed class V1NodeClaimTemplateSpec
{
    [JsonPropertyName("nodeClassRef")]
    public V1NodeClassReference NodeClassRef { get; set; } = new();

    [JsonPropertyName("requirements")]
    public IList<V1NodeSelectorRequirement> Requirements { get; set; } = [];

    [JsonPropertyName("taints")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<V1NodeTaint>? Taints { get; set; }

    [JsonPropertyName("startupTaints")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<V1NodeTaint>? StartupTaints { get; set; }

    [JsonPropertyName("expireAfter")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExpireAfter { get; set; }

    [JsonPropertyName("terminationGracePeriod")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TerminationGracePeriod { get; set; }
}
