using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>A metav1.Condition. lastTransitionTime changes only when status flips.</summary>
public sealed record WorkloadClassCondition
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>True, False or Unknown.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    [JsonPropertyName("lastTransitionTime")]
    public DateTimeOffset? LastTransitionTime { get; init; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }
}
