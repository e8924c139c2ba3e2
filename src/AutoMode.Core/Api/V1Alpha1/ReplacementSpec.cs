using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>
/// Replacement windows: voluntary replacement (drift) of the pool's nodes only inside these windows, at most
/// <see cref="MaxReplacing"/> at once, and a rotation at the first window after each <see cref="RotateEvery"/>, so no
/// node reaches its forced expiry (expireAfter) outside a window.
/// </summary>
public sealed class ReplacementSpec
{
    /// <summary>IANA time zone the window schedules are written in. Default UTC.</summary>
    [JsonPropertyName("timeZone")]
    public string? TimeZone { get; set; }

    /// <summary>Recurring windows; overlapping windows are merged.</summary>
    [JsonPropertyName("windows")]
    public IList<ReplacementWindowSpec>? Windows { get; set; }

    /// <summary>Replace every node at the first window after this long since the last rotation, e.g. 168h.</summary>
    [JsonPropertyName("rotateEvery")]
    public string? RotateEvery { get; set; }

    /// <summary>How many nodes may be replaced at once inside a window: a count ("1") or a percentage ("20%"). Default "1".</summary>
    [JsonPropertyName("maxReplacing")]
    public string? MaxReplacing { get; set; }
}
