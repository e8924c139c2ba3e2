using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>
/// A node role change in progress: the NodePool moves from the NodeClass of the old role to one of the new role, and
/// Karpenter replaces the nodes within the disruption budgets. Derived from what exists, never remembered; absent
/// when no migration runs.
/// </summary>
public sealed class NodeRoleMigrationStatus
{
    /// <summary>The NodeClass(es) of an earlier role, still present (comma-separated when more than one).</summary>
    [JsonPropertyName("from")]
    public string? From { get; set; }

    /// <summary>The NodeClass of the current spec.nodeRole.</summary>
    [JsonPropertyName("to")]
    public string? To { get; set; }

    /// <summary>WaitingForNodeClass (the pool still points at the old NodeClass), ReplacingNodes, or Pruning.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    /// <summary>NodeClaims that still reference an old NodeClass (by spec.nodeClassRef.name).</summary>
    [JsonPropertyName("nodeClaimsRemaining")]
    public int? NodeClaimsRemaining { get; set; }
}
