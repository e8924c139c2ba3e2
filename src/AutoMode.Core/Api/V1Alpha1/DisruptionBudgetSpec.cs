using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>
/// A disruption budget. Unlike Karpenter's own (UTC only), schedule is read in timeZone and rendered
/// to Karpenter's UTC cron, re-rendered when the zone's UTC offset changes.
/// </summary>
public sealed class DisruptionBudgetSpec
{
    /// <summary>How many nodes may be voluntarily disrupted at once: a count ("0") or a percentage ("10%").</summary>
    [JsonPropertyName("nodes")]
    public string? Nodes { get; set; }

    /// <summary>5-field cron for when the budget starts to apply; requires duration.</summary>
    [JsonPropertyName("schedule")]
    public string? Schedule { get; set; }

    /// <summary>How long the budget applies from each schedule hit, e.g. 8h or 1h30m.</summary>
    [JsonPropertyName("duration")]
    public string? Duration { get; set; }

    /// <summary>IANA time zone the schedule is written in. Default UTC.</summary>
    [JsonPropertyName("timeZone")]
    public string? TimeZone { get; set; }

    /// <summary>Underutilized, Empty and/or Drifted; all reasons when omitted.</summary>
    [JsonPropertyName("reasons")]
    public IList<string>? Reasons { get; set; }
}
