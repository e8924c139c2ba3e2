using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

/// <summary>Read only.</summary>
public sealed class V1NodePoolStatus
{
    [JsonPropertyName("conditions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<StatusCondition>? Conditions { get; set; }

    /// <summary>How many nodes the pool has.</summary>
    [JsonPropertyName("nodes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Nodes { get; set; }

    /// <summary>Resources the pool's nodes currently provide (quantities as strings).</summary>
    [JsonPropertyName("resources")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(Api.V1Alpha1.QuantityMapConverter))]
    public IDictionary<string, string>? Resources { get; set; }
}
