using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Eks.V1;

public sealed class V1NodeClassSpec
{
    /// <summary>IAM role NAME (not ARN): the schema caps it at 64 characters.</summary>
    [JsonPropertyName("role")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; set; }

    /// <summary>Instead of role (mutually exclusive): an IAM instance profile name.</summary>
    [JsonPropertyName("instanceProfile")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InstanceProfile { get; set; }

    [JsonPropertyName("subnetSelectorTerms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<V1NodeClassSelectorTerm>? SubnetSelectorTerms { get; set; }

    [JsonPropertyName("securityGroupSelectorTerms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<V1NodeClassSecurityGroupSelectorTerm>? SecurityGroupSelectorTerms { get; set; }

    [JsonPropertyName("podSubnetSelectorTerms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<V1NodeClassSelectorTerm>? PodSubnetSelectorTerms { get; set; }

    [JsonPropertyName("podSecurityGroupSelectorTerms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<V1NodeClassSelectorTerm>? PodSecurityGroupSelectorTerms { get; set; }

    [JsonPropertyName("capacityReservationSelectorTerms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<V1NodeClassCapacityReservationSelectorTerm>? CapacityReservationSelectorTerms { get; set; }

    [JsonPropertyName("ephemeralStorage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public V1NodeClassEphemeralStorage? EphemeralStorage { get; set; }

    /// <summary>DefaultAllow or DefaultDeny.</summary>
    [JsonPropertyName("networkPolicy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NetworkPolicy { get; set; }

    /// <summary>Enabled or Disabled.</summary>
    [JsonPropertyName("networkPolicyEventLogs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NetworkPolicyEventLogs { get; set; }

    /// <summary>Random or Disabled.</summary>
    [JsonPropertyName("snatPolicy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SnatPolicy { get; set; }

    [JsonPropertyName("advancedNetworking")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public V1NodeClassAdvancedNetworking? AdvancedNetworking { get; set; }

    [JsonPropertyName("advancedSecurity")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public V1NodeClassAdvancedSecurity? AdvancedSecurity { get; set; }

    [JsonPropertyName("certificateBundles")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<V1NodeClassCertificateBundle>? CertificateBundles { get; set; }

    [JsonPropertyName("tags")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IDictionary<string, string>? Tags { get; set; }
}
