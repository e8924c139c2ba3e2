using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Eks.V1;

/// <summary>NodeClass spec.certificateBundles[]: a name and the base64-encoded PEM bundle (AWS docs, create-node-class.html).</summary>
public sealed class V1NodeClassCertificateBundle
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("data")]
    public string Data { get; set; } = "";
}
