using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>Where the off-hours schedule stands. Derived from spec, annotation and clock, never remembered.</summary>
public sealed class OffHoursStatus
{
    /// <summary>True while capacity is held down.</summary>
    [JsonPropertyName("active")]
    public bool? Active { get; set; }

    /// <summary>When the current state (down or up) began.</summary>
    [JsonPropertyName("since")]
    public DateTimeOffset? Since { get; set; }

    /// <summary>The next instant the state flips.</summary>
    [JsonPropertyName("nextTransition")]
    public DateTimeOffset? NextTransition { get; set; }

    /// <summary>The manual override in force, e.g. "up-until=2026-11-24T08:00:00Z", or empty.</summary>
    [JsonPropertyName("override")]
    public string? Override { get; set; }

    /// <summary>NodeClaims of the pool still present while down.</summary>
    [JsonPropertyName("nodeClaimsRemaining")]
    public int? NodeClaimsRemaining { get; set; }
}
