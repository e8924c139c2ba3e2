using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>The node's root/ephemeral EBS volume (NodeClass spec.ephemeralStorage). Defaults 80Gi / 3000 / 125.</summary>
public sealed class EphemeralStorageSpec
{
    /// <summary>1-59000Gi, 1-64000G, 1-58Ti or 1-64T.</summary>
    [JsonPropertyName("size")]
    public string? Size { get; set; }

    /// <summary>3000-16000.</summary>
    [JsonPropertyName("iops")]
    public long? Iops { get; set; }

    /// <summary>MiB/s, 125-1000.</summary>
    [JsonPropertyName("throughput")]
    public long? Throughput { get; set; }

    /// <summary>KMS key id, key ARN, alias name or alias ARN used to encrypt the volume.</summary>
    [JsonPropertyName("kmsKeyID")]
    public string? KmsKeyId { get; set; }
}
