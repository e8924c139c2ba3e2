using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty;

/// <summary>
/// A metav1.Condition as read from third-party status. Everything but type and status is optional here,
/// because we only read these and must not fail on a controller that leaves fields out.
/// </summary>
public sealed record StatusCondition
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>True, False or Unknown.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }

    [JsonPropertyName("lastTransitionTime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastTransitionTime { get; init; }

    [JsonPropertyName("observedGeneration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ObservedGeneration { get; init; }
}
