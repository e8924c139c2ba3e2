using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

/// <summary>NodeClaim spec: the operator reads only which NodeClass the claim was launched from (a node role change counts them).</summary>
public sealed class V1NodeClaimSpec
{
    [JsonPropertyName("nodeClassRef")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public V1NodeClassReference? NodeClassRef { get; set; }
}
