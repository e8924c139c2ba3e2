using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

public sealed class V1NodePoolSpec
{
    [JsonPropertyName("template")]
    public V1NodeClaimTemplate Template { get; set; } = new();

    /// <summary>Resource name to quantity, always strings ("0", "100", "400Gi").</summary>
    [JsonPropertyName("limits")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IDictionary<string, string>? Limits { get; set; }

    [JsonPropertyName("weight")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Weight { get; set; }

    /// <summary>
    /// Static pool: the exact number of nodes to keep (alpha upstream; Auto Mode since 2025-11-19). Set or unset for
    /// the pool's whole life: upstream CEL refuses the transition.
    /// </summary>
    [JsonPropertyName("replicas")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Replicas { get; set; }

    [JsonPropertyName("disruption")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public V1Disruption? Disruption { get; set; }
}
