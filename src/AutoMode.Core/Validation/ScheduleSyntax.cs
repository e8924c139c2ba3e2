using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;
using static AutoMode.Core.Validation.ValidationPaths;

namespace AutoMode.Core.Validation;

/// <summary>Cron, IANA time zone and RFC 3339 checks shared by off-hours, budgets and the override annotation.</summary>
internal static partial class ScheduleSyntax
{
    public static void Cron(ValidationRun run, string path, string cron)
    {
        if (cron.Length is < 9 or > 128 || !CronFields().IsMatch(cron))
        {
            run.Add(path, $"{Q(cron)} is not a 5-field cron (minute hour day-of-month month day-of-week); write e.g. \"0 20 * * 1-5\"");
            return;
        }

        if (!CronExpression.TryParse(cron, CronFormat.Standard, out _))
        {
            run.Add(path, $"{Q(cron)} is not a valid cron expression; check each of the 5 fields (minute 0-59, hour 0-23, day 1-31, month 1-12, weekday 0-6), e.g. \"0 20 * * 1-5\"");
        }
    }

    public static void TimeZone(ValidationRun run, string path, string zone)
    {
        if (!IsIanaZone(zone))
        {
            run.Add(path, $"{Q(zone)} is not an IANA time zone; use a name such as UTC, Europe/Berlin or America/New_York");
        }
    }

    public static bool IsIanaZone(string zone)
    {
        if (zone.Length is 0 or > 64 || !ZoneName().IsMatch(zone) || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            return false;
        }

        // On Linux .NET also resolves Windows ids ("Pacific Standard Time"); the renderer needs an IANA name.
        return zone == "UTC" || !TimeZoneInfo.TryConvertWindowsIdToIanaId(zone, out var iana) || iana == zone;
    }

    public static bool IsRfc3339(string text) =>
        text.Length <= 64 && Rfc3339().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    // RE2's \s and \S are ASCII-only; .NET's would also accept Unicode spaces.
    [GeneratedRegex(@"^[^ \t\n\f\r]+([ \t\n\f\r]+[^ \t\n\f\r]+){4}\z")]
    private static partial Regex CronFields();

    [GeneratedRegex(@"^[A-Za-z0-9_+/-]+\z")]
    private static partial Regex ZoneName();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
