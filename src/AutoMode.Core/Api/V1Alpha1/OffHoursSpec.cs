using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>
/// Scheduled scale-down. While off-hours is active the NodePool limits are cpu "0" / memory "0"
/// and, with drain enabled, the pool's NodeClaims are deleted at a bounded pace.
/// </summary>
public sealed class OffHoursSpec
{
    /// <summary>IANA time zone the windows and holidays are written in. Default UTC.</summary>
    [JsonPropertyName("timeZone")]
    public string? TimeZone { get; set; }

    /// <summary>Off-hours windows; overlapping windows are merged.</summary>
    [JsonPropertyName("windows")]
    public IList<OffHoursWindowSpec>? Windows { get; set; }

    /// <summary>Local dates (yyyy-MM-dd) that are off-hours all day.</summary>
    [JsonPropertyName("holidays")]
    public IList<string>? Holidays { get; set; }

    /// <summary>No scale-down until this long after the class was created (e.g. 1h). Default 0s.</summary>
    [JsonPropertyName("gracePeriod")]
    public string? GracePeriod { get; set; }

    /// <summary>When true, the schedule is ignored and capacity stays up.</summary>
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; set; }

    [JsonPropertyName("drain")]
    public DrainSpec? Drain { get; set; }
}
