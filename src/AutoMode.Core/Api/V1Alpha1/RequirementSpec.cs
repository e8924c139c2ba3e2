using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>A raw NodePool requirement (node selector requirement with optional minValues).</summary>
public sealed class RequirementSpec
{
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    /// <summary>In, NotIn, Exists, DoesNotExist, Gt or Lt.</summary>
    [JsonPropertyName("operator")]
    public string? Operator { get; set; }

    [JsonPropertyName("values")]
    public IList<string>? Values { get; set; }

    [JsonPropertyName("minValues")]
    public int? MinValues { get; set; }
}
