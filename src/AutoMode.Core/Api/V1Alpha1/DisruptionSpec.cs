using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>NodePool spec.disruption, with budgets whose schedules may be written in any IANA time zone.</summary>
public sealed class DisruptionSpec
{
    /// <summary>WhenEmpty, WhenEmptyOrUnderutilized (default) or Balanced.</summary>
    [JsonPropertyName("consolidationPolicy")]
    public string? ConsolidationPolicy { get; set; }

    /// <summary>Duration (e.g. 30s, 5m) or Never. Default 0s.</summary>
    [JsonPropertyName("consolidateAfter")]
    public string? ConsolidateAfter { get; set; }

    [JsonPropertyName("budgets")]
    public IList<DisruptionBudgetSpec>? Budgets { get; set; }
}
