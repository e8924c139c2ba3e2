using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>
/// Node lifetimes and replacement windows as observed: derived from the NodeClaims, the NodePool and the clock at each
/// reconcile, never remembered (the rotation instant is read back from the NodePool template annotation).
/// </summary>
public sealed class LifecycleStatus
{
    /// <summary>The oldest NodeClaim of the pool (terminating ones excluded).</summary>
    [JsonPropertyName("oldestNodeClaim")]
    public string? OldestNodeClaim { get; set; }

    /// <summary>When the oldest NodeClaim was created.</summary>
    [JsonPropertyName("oldestNodeCreated")]
    public DateTimeOffset? OldestNodeCreated { get; set; }

    /// <summary>When the oldest NodeClaim reaches expireAfter and Karpenter replaces it whatever the budgets say.</summary>
    [JsonPropertyName("forcedExpiry")]
    public DateTimeOffset? ForcedExpiry { get; set; }

    /// <summary>True while a replacement window is open.</summary>
    [JsonPropertyName("windowOpen")]
    public bool? WindowOpen { get; set; }

    /// <summary>The next instant a replacement window opens.</summary>
    [JsonPropertyName("nextWindow")]
    public DateTimeOffset? NextWindow { get; set; }

    /// <summary>The window start at which the last rotation began (the automode.io/rotation template annotation).</summary>
    [JsonPropertyName("lastRotation")]
    public DateTimeOffset? LastRotation { get; set; }

    /// <summary>The window start at which the next rotation begins.</summary>
    [JsonPropertyName("nextRotation")]
    public DateTimeOffset? NextRotation { get; set; }

    /// <summary>NodeClaims whose karpenter.sh/nodepool-hash differs from the NodePool's: still to be replaced.</summary>
    [JsonPropertyName("nodeClaimsOnOldHash")]
    public int? NodeClaimsOnOldHash { get; set; }
}
