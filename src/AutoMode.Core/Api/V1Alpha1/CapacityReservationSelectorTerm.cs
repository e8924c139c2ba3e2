using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>
/// Selects On-Demand Capacity Reservations and Capacity Blocks for ML (NodeClass
/// spec.capacityReservationSelectorTerms): by id, or by tags with an optional owning account. id is exclusive with
/// tags and owner.
/// </summary>
public sealed class CapacityReservationSelectorTerm
{
    /// <summary>The reservation id: cr- and 17 hexadecimal digits, e.g. cr-56fac701cc1951b03.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Tag filters; the value "*" matches any value.</summary>
    [JsonPropertyName("tags")]
    public IDictionary<string, string>? Tags { get; set; }

    /// <summary>The 12-digit AWS account that owns the reservation (shared reservations); only with tags.</summary>
    [JsonPropertyName("owner")]
    public string? Owner { get; set; }
}
