using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Eks.V1;

/// <summary>Read only. Auto Mode's condition type names are undocumented; key only off Ready.</summary>
public sealed class V1NodeClassStatus
{
    [JsonPropertyName("conditions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<StatusCondition>? Conditions { get; set; }

    [JsonPropertyName("instanceProfile")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InstanceProfile { get; set; }
}
