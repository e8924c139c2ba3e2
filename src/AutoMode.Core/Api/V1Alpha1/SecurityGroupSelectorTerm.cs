using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>Selects security groups by id, by group name, or by tags; each is exclusive with the others.</summary>
public sealed class SecurityGroupSelectorTerm
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The security group's name (GroupName), not its Name tag.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("tags")]
    public IDictionary<string, string>? Tags { get; set; }
}
