using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Eks.V1;

/// <summary>NodeClass spec.advancedSecurity (AWS docs, create-node-class.html; Auto Mode since 2025-10-23).</summary>
public sealed class V1NodeClassAdvancedSecurity
{
    [JsonPropertyName("fips")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Fips { get; set; }
}
