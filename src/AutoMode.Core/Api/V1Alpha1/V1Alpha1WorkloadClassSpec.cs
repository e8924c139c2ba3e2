using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>What a platform team declares. Every field maps to a NodeClass or NodePool field, or to operator behaviour.</summary>
public sealed class V1Alpha1WorkloadClassSpec
{
    /// <summary>IAM role the nodes use: a role name, or a role ARN that is reduced to its name (NodeClass spec.role).</summary>
    [JsonPropertyName("nodeRole")]
    public string? NodeRole { get; set; }

    /// <summary>
    /// Instead of nodeRole: an existing IAM instance profile the nodes use (NodeClass spec.instanceProfile). Exactly
    /// one of nodeRole and instanceProfile. The operator cannot see the profile's role, so it does not check that
    /// role's access entry (README "Instance profiles").
    /// </summary>
    [JsonPropertyName("instanceProfile")]
    public string? InstanceProfile { get; set; }

    /// <summary>Subnets for nodes (NodeClass spec.subnetSelectorTerms). Terms are ORed; fields in a term are ANDed.</summary>
    [JsonPropertyName("subnets")]
    public IList<SubnetSelectorTerm>? Subnets { get; set; }

    /// <summary>Security groups for nodes (NodeClass spec.securityGroupSelectorTerms).</summary>
    [JsonPropertyName("securityGroups")]
    public IList<SecurityGroupSelectorTerm>? SecurityGroups { get; set; }

    /// <summary>Custom networking: subnets for pods (NodeClass spec.podSubnetSelectorTerms). Requires podSecurityGroups.</summary>
    [JsonPropertyName("podSubnets")]
    public IList<SubnetSelectorTerm>? PodSubnets { get; set; }

    /// <summary>Custom networking: security groups for pods (NodeClass spec.podSecurityGroupSelectorTerms). Requires podSubnets.</summary>
    [JsonPropertyName("podSecurityGroups")]
    public IList<SubnetSelectorTerm>? PodSecurityGroups { get; set; }

    /// <summary>
    /// Capacity Reservations and Capacity Blocks to launch into (NodeClass spec.capacityReservationSelectorTerms).
    /// Setting any stops Auto Mode from using open ODCRs automatically for every NodeClass of the cluster.
    /// </summary>
    [JsonPropertyName("capacityReservations")]
    public IList<CapacityReservationSelectorTerm>? CapacityReservations { get; set; }

    [JsonPropertyName("ephemeralStorage")]
    public EphemeralStorageSpec? EphemeralStorage { get; set; }

    /// <summary>DefaultAllow or DefaultDeny.</summary>
    [JsonPropertyName("networkPolicy")]
    public string? NetworkPolicy { get; set; }

    /// <summary>Enabled or Disabled.</summary>
    [JsonPropertyName("networkPolicyEventLogs")]
    public string? NetworkPolicyEventLogs { get; set; }

    /// <summary>Random or Disabled.</summary>
    [JsonPropertyName("snatPolicy")]
    public string? SnatPolicy { get; set; }

    [JsonPropertyName("advancedNetworking")]
    public AdvancedNetworkingSpec? AdvancedNetworking { get; set; }

    [JsonPropertyName("advancedSecurity")]
    public AdvancedSecuritySpec? AdvancedSecurity { get; set; }

    /// <summary>Extra CA bundles the nodes trust (NodeClass spec.certificateBundles), as PEM.</summary>
    [JsonPropertyName("certificateBundles")]
    public IList<CertificateBundleSpec>? CertificateBundles { get; set; }

    /// <summary>AWS tags put on instances, volumes and launch templates (NodeClass spec.tags). Needs the tag-propagation policy on the cluster role.</summary>
    [JsonPropertyName("tags")]
    public IDictionary<string, string>? Tags { get; set; }

    /// <summary>Which instances the pool may launch, in plain words, translated to Auto Mode requirements.</summary>
    [JsonPropertyName("instances")]
    public InstanceSelection? Instances { get; set; }

    /// <summary>Extra labels on every node of the class (NodePool spec.template.metadata.labels).</summary>
    [JsonPropertyName("nodeLabels")]
    public IDictionary<string, string>? NodeLabels { get; set; }

    [JsonPropertyName("taints")]
    public IList<TaintSpec>? Taints { get; set; }

    [JsonPropertyName("startupTaints")]
    public IList<TaintSpec>? StartupTaints { get; set; }

    /// <summary>When true, nodes carry the taint automode.io/workload-class=&lt;name&gt;:NoSchedule so only pods that tolerate it land there.</summary>
    [JsonPropertyName("dedicated")]
    public bool? Dedicated { get; set; }

    /// <summary>
    /// When false, the nodes do not get the label automode.io/workload-class=&lt;name&gt; (pods select the class by
    /// karpenter.sh/nodepool=&lt;name&gt;, which Karpenter puts on every node). Null means true. <c>import</c> sets it
    /// false for a hand-written pool without that label, so adopting the pool replaces no node.
    /// </summary>
    [JsonPropertyName("labelNodes")]
    public bool? LabelNodes { get; set; }

    /// <summary>Upper bounds on the pool's total resources (NodePool spec.limits), always emitted as strings.</summary>
    [JsonPropertyName("limits")]
    [JsonConverter(typeof(QuantityMapConverter))]
    public IDictionary<string, string>? Limits { get; set; }

    /// <summary>Priority among pools, 1-100 (NodePool spec.weight).</summary>
    [JsonPropertyName("weight")]
    public int? Weight { get; set; }

    /// <summary>
    /// Static capacity: keep exactly this many nodes whatever the pods ask (NodePool spec.replicas). Cannot be added
    /// to or removed from a live class.
    /// </summary>
    [JsonPropertyName("staticNodes")]
    public long? StaticNodes { get; set; }

    [JsonPropertyName("lifecycle")]
    public LifecycleSpec? Lifecycle { get; set; }

    [JsonPropertyName("disruption")]
    public DisruptionSpec? Disruption { get; set; }

    [JsonPropertyName("offHours")]
    public OffHoursSpec? OffHours { get; set; }
}
