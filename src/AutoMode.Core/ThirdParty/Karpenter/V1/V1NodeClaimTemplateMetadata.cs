using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

/// <summary>NodePool spec.template.metadata: labels (and annotations) put on every node of the pool.</summary>
public sealed class V1NodeClaimTemplateMetadata
{
    [JsonPropertyName("labels")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IDictionary<string, string>? Labels { get; set; }

    [JsonPropertyName("annotations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IDictionary<string, string>? Annotations { get; set; }
}
