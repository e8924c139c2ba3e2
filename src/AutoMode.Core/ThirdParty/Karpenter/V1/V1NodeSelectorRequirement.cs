using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

/// <summary>A node selector requirement with Karpenter's optional minValues.</summary>
public sealed class V1NodeSelectorRequirement
{
    [JsonPropertyName("key")]
    public string Key { get; set; } = "";

    /// <summary>In, NotIn, Exists, DoesNotExist, Gt or Lt (Auto Mode has no Gte/Lte).</summary>
    [JsonPropertyName("operator")]
    public string Operator { get; set; } = "";

    [JsonPropertyName("values")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<string>? Values { get; set; }

    [JsonPropertyName("minValues")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MinValues { get; set; }
}
