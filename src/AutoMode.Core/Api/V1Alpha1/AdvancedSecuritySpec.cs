using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>NodeClass spec.advancedSecurity.</summary>
public sealed class AdvancedSecuritySpec
{
    /// <summary>Run nodes on a FIPS-validated AMI (AWS: US regions only). Default false.</summary>
    [JsonPropertyName("fips")]
    public bool? Fips { get; set; }
}
