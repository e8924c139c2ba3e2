using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

public sealed class V1NodeClaimStatus
{
    [JsonPropertyName("nodeName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NodeName { get; set; }

    [JsonPropertyName("conditions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<StatusCondition>? Conditions { get; set; }
}
