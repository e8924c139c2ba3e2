using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

public sealed class V1Disruption
{
    [JsonPropertyName("consolidationPolicy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConsolidationPolicy { get; set; }

    [JsonPropertyName("consolidateAfter")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConsolidateAfter { get; set; }

    [JsonPropertyName("budgets")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<V1Budget>? Budgets { get; set; }
}
