using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Eks.V1;

public sealed class V1NodeClassAdvancedNetworking
{
    [JsonPropertyName("associatePublicIPAddress")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AssociatePublicIpAddress { get; set; }

    [JsonPropertyName("httpsProxy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HttpsProxy { get; set; }

    [JsonPropertyName("noProxy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<string>? NoProxy { get; set; }

    [JsonPropertyName("ipv4PrefixSize")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Ipv4PrefixSize { get; set; }
}
