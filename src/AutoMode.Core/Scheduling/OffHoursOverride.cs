using System.Globalization;

namespace AutoMode.Core.Scheduling;

/// <summary>
/// The manual override from the <c>automode.io/off-hours-override</c> annotation: <c>up-until=&lt;RFC3339&gt;</c> or
/// <c>down-until=&lt;RFC3339&gt;</c>. It expires by itself: from <see cref="Until"/> on, the schedule applies again.
/// </summary>
public sealed record OffHoursOverride(OffHoursOverrideMode Mode, DateTimeOffset Until)
{
    private const string UpPrefix = "up-until=";
    private const string DownPrefix = "down-until=";

    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>True while the override is in force at <paramref name="now"/>; an expired override is ignored.</summary>
    public bool IsInForceAt(DateTimeOffset now) => now < Until;

    /// <summary>The form shown in <c>status.offHours.override</c>, normalised to UTC, e.g. <c>up-until=2026-11-24T08:00:00Z</c>.</summary>
    public string Describe() =>
        (Mode == OffHoursOverrideMode.Up ? UpPrefix : DownPrefix)
        + Until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses the annotation value. Never throws. A null or blank value parses to no override without an error;
    /// anything else that is not exactly one of the two forms, with a time that carries its offset, is an error.
    /// </summary>
    public static bool TryParse(string? annotationValue, out OffHoursOverride? value, out string? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrWhiteSpace(annotationValue))
        {
            return true;
        }

        var text = annotationValue.Trim();
        OffHoursOverrideMode mode;
        string instant;
        if (text.StartsWith(UpPrefix, StringComparison.Ordinal))
        {
            mode = OffHoursOverrideMode.Up;
            instant = text[UpPrefix.Length..];
        }
        else if (text.StartsWith(DownPrefix, StringComparison.Ordinal))
        {
            mode = OffHoursOverrideMode.Down;
            instant = text[DownPrefix.Length..];
        }
        else
        {
            error = $"\"{text}\" is not up-until=<RFC3339> or down-until=<RFC3339>";
            return false;
        }

        // RFC 3339 requires the offset; "K" alone would also accept a local time without one.
        var hasOffset = instant.EndsWith('Z') || instant.EndsWith('z')
            || (instant.Length > 6 && instant[^6] is '+' or '-' && instant[^3] == ':');
        if (!hasOffset
            || !DateTimeOffset.TryParseExact(
                instant.ToUpperInvariant(),
                Rfc3339Formats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var until))
        {
            error = $"\"{instant}\" is not an RFC 3339 time with an offset, e.g. 2026-11-24T08:00:00Z";
            return false;
        }

        value = new OffHoursOverride(mode, until.ToUniversalTime());
        return true;
    }
}
