using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Eks.V1;

/// <summary>Security group selector term: id, group name, or tags.</summary>
public sealed class V1NodeClassSecurityGroupSelectorTerm
{
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    [JsonPropertyName("tags")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IDictionary<string, string>? Tags { get; set; }
}
