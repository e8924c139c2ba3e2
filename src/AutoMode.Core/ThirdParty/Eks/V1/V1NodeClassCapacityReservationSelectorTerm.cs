using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Eks.V1;

/// <summary>
/// Capacity reservation selector term: id, or tags with an optional owner account. Shape from the AWS docs
/// (https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html, auto-odcr.html): no public CRD dump has it.
/// </summary>
public sealed class V1NodeClassCapacityReservationSelectorTerm
{
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonPropertyName("tags")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IDictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("owner")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Owner { get; set; }
}
