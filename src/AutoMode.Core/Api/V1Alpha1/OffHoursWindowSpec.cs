using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>A recurring off-hours window: down at each start, up again at the next end. May cross midnight.</summary>
public sealed class OffHoursWindowSpec
{
    /// <summary>5-field cron in the off-hours time zone when capacity goes down, e.g. "0 20 * * 1-5".</summary>
    [JsonPropertyName("start")]
    public string? Start { get; set; }

    /// <summary>5-field cron in the off-hours time zone when capacity comes back, e.g. "0 7 * * 1-5".</summary>
    [JsonPropertyName("end")]
    public string? End { get; set; }
}
