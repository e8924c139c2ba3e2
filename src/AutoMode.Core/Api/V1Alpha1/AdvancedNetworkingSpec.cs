using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>NodeClass spec.advancedNetworking: only the fields whose shapes AWS documents.</summary>
public sealed class AdvancedNetworkingSpec
{
    /// <summary>When unset, the subnet's MapPublicIpOnLaunch decides.</summary>
    [JsonPropertyName("associatePublicIPAddress")]
    public bool? AssociatePublicIpAddress { get; set; }

    /// <summary>HTTPS proxy for node traffic, at most 255 characters.</summary>
    [JsonPropertyName("httpsProxy")]
    public string? HttpsProxy { get; set; }

    /// <summary>Destinations that bypass the proxy; at most 50 entries of at most 255 characters.</summary>
    [JsonPropertyName("noProxy")]
    public IList<string>? NoProxy { get; set; }

    /// <summary>"Auto" (prefix delegation, falling back to secondary IPs) or "32" (secondary IP mode).</summary>
    [JsonPropertyName("ipv4PrefixSize")]
    public string? Ipv4PrefixSize { get; set; }
}
