using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Eks.V1;

/// <summary>Subnet, pod subnet or pod security group selector term: id or tags.</summary>
public sealed class V1NodeClassSelectorTerm
{
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonPropertyName("tags")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IDictionary<string, string>? Tags { get; set; }
}
