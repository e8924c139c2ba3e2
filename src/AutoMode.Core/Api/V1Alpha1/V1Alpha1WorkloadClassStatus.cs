using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>Written only through /status, once per reconcile, only when it changed. No timestamps that move by themselves.</summary>
public sealed class V1Alpha1WorkloadClassStatus
{
    /// <summary>The generation the conditions describe; advances only on a successful reconcile.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("conditions")]
    public IList<WorkloadClassCondition>? Conditions { get; set; }

    /// <summary>Name of the generated NodeClass (eks.amazonaws.com/v1).</summary>
    [JsonPropertyName("nodeClassName")]
    public string? NodeClassName { get; set; }

    /// <summary>Name of the generated NodePool (karpenter.sh/v1).</summary>
    [JsonPropertyName("nodePoolName")]
    public string? NodePoolName { get; set; }

    /// <summary>NodeClaims that currently belong to the pool.</summary>
    [JsonPropertyName("nodes")]
    public int? Nodes { get; set; }

    /// <summary>Static classes only: the nodes the NodePool is asked to keep now (spec.staticNodes, or 0 during off-hours).</summary>
    [JsonPropertyName("desiredNodes")]
    public long? DesiredNodes { get; set; }

    [JsonPropertyName("offHours")]
    public OffHoursStatus? OffHours { get; set; }

    /// <summary>A node role change in progress; null when none runs.</summary>
    [JsonPropertyName("nodeRoleMigration")]
    public NodeRoleMigrationStatus? NodeRoleMigration { get; set; }

    [JsonPropertyName("lifecycle")]
    public LifecycleStatus? Lifecycle { get; set; }
}
