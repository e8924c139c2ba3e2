using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

/// <summary>A node taint (core/v1 Taint without timeAdded, which only the kubelet sets).</summary>
public sealed class V1NodeTaint
{
    [JsonPropertyName("key")]
    public string Key { get; set; } = "";

    [JsonPropertyName("value")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Value { get; set; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute.</summary>
    [JsonPropertyName("effect")]
    public string Effect { get; set; } = "";
}
