using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>Node lifetime. On Auto Mode, expireAfter + terminationGracePeriod may not exceed 21 days (504h).</summary>
public sealed class LifecycleSpec
{
    /// <summary>Duration such as 336h (default). Never is not allowed on Auto Mode.</summary>
    [JsonPropertyName("expireAfter")]
    public string? ExpireAfter { get; set; }

    /// <summary>How long a draining node may take before pods are deleted regardless of PDBs. Default 24h.</summary>
    [JsonPropertyName("terminationGracePeriod")]
    public string? TerminationGracePeriod { get; set; }

    /// <summary>Replacement windows and rotation; null for replacement whenever Karpenter decides.</summary>
    [JsonPropertyName("replacement")]
    public ReplacementSpec? Replacement { get; set; }
}
