using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

public sealed class TaintSpec
{
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute.</summary>
    [JsonPropertyName("effect")]
    public string? Effect { get; set; }
}
