using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>Selects subnets (or pod security groups) by id or by tags; id is exclusive with tags.</summary>
public sealed class SubnetSelectorTerm
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Tag filters; the value "*" matches any value.</summary>
    [JsonPropertyName("tags")]
    public IDictionary<string, string>? Tags { get; set; }
}
