namespace AutoMode.Core.Scheduling;

/// <summary>IANA zone lookup that never throws: the schedule code reports an unknown zone instead.</summary>
internal static class ZoneResolver
{
    /// <summary>Null or empty means UTC, the API default.</summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id is "UTC" or "Etc/UTC")
        {
            return true;
        }

        // Ids name files under the zoneinfo directory; refuse anything that could leave it.
        if (id.Contains("..", StringComparison.Ordinal) || id.StartsWith('/') || id.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }
}
