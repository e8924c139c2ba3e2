using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>How existing nodes leave during off-hours: NodeClaim deletion, so Karpenter drains each node (PDBs respected).</summary>
public sealed class DrainSpec
{
    /// <summary>When false (default), off-hours only stops new nodes; existing ones stay until consolidated.</summary>
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>How many NodeClaims may be terminating at once: a count (2) or a percentage ("25%"). Default 1.</summary>
    [JsonPropertyName("maxUnavailable")]
    [JsonConverter(typeof(IntOrStringConverter))]
    public string? MaxUnavailable { get; set; }

    /// <summary>Report DrainBlocked when a NodeClaim is still terminating after this long (e.g. 30m). Default 1h.</summary>
    [JsonPropertyName("blockedAfter")]
    public string? BlockedAfter { get; set; }

    /// <summary>Nodes running pods from these namespaces are not drained (reported instead).</summary>
    [JsonPropertyName("protectedNamespaces")]
    public IList<string>? ProtectedNamespaces { get; set; }
}
