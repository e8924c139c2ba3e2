using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Eks.V1;

public sealed class V1NodeClassEphemeralStorage
{
    [JsonPropertyName("size")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Size { get; set; }

    [JsonPropertyName("iops")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Iops { get; set; }

    [JsonPropertyName("throughput")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Throughput { get; set; }

    [JsonPropertyName("kmsKeyID")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? KmsKeyId { get; set; }
}
