using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>A recurring replacement window: opens at each schedule hit and stays open for duration (elapsed time), as a budget does.</summary>
public sealed class ReplacementWindowSpec
{
    /// <summary>5-field cron in the replacement time zone when the window opens, e.g. "0 4 * * 1-4".</summary>
    [JsonPropertyName("schedule")]
    public string? Schedule { get; set; }

    /// <summary>How long the window stays open from each schedule hit, e.g. 2h or 1h30m.</summary>
    [JsonPropertyName("duration")]
    public string? Duration { get; set; }
}
