using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>
/// A CA bundle nodes trust (NodeClass spec.certificateBundles). Written here as PEM text; the NodeClass takes it
/// base64-encoded, which the renderer does.
/// </summary>
public sealed class CertificateBundleSpec
{
    /// <summary>Name of the bundle on the node.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>One or more PEM CERTIFICATE blocks (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----).</summary>
    [JsonPropertyName("data")]
    public string? Data { get; set; }
}
