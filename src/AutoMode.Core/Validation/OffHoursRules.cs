using System.Globalization;
using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;
using static AutoMode.Core.Validation.ValidationPaths;

namespace AutoMode.Core.Validation;

/// <summary>spec.offHours: the time zone, windows, holidays, grace period and drain settings.</summary>
internal static partial class OffHoursRules
{
    private const string P = "spec.offHours";

    public static void Check(ValidationRun run, OffHoursSpec? offHours)
    {
        if (offHours is null)
        {
            return;
        }

        if (offHours.TimeZone is not null)
        {
            ScheduleSyntax.TimeZone(run, $"{P}.timeZone", offHours.TimeZone);
        }

        if (run.List($"{P}.windows", offHours.Windows, 20, required: false, ""))
        {
            for (var i = 0; i < offHours.Windows!.Count; i++)
            {
                Window(run, Index($"{P}.windows", i), offHours.Windows[i]);
            }
        }

        run.Strings($"{P}.holidays", offHours.Holidays, 366, unique: true, (at, day) =>
        {
            if (day.Length != 10 || !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                run.Add(at, $"{Q(day)} is not a date; write yyyy-MM-dd, e.g. 2026-12-25");
            }
        });
        if (offHours.GracePeriod is { } grace && (grace.Length > 16 || !KubeDuration.TryParse(grace, out _)))
        {
            run.Add($"{P}.gracePeriod", $"{Q(grace)} is not a duration; write e.g. 0s, 30m or 1h");
        }

        if (offHours.Drain is { } drain)
        {
            Drain(run, drain);
        }

        if ((offHours.Windows?.Count ?? 0) == 0 && (offHours.Holidays?.Count ?? 0) == 0)
        {
            run.Add($"{P}.windows", "offHours needs at least one window or holiday; add windows (start/end cron) or remove offHours");
        }
    }

    private static void Window(ValidationRun run, string at, OffHoursWindowSpec? window)
    {
        if (window is null)
        {
            run.Add(at, "is null; give start and end");
            return;
        }

        if (window.Start is null)
        {
            run.Add(Field(at, "start"), "is required; give a 5-field cron such as \"0 20 * * 1-5\"");
        }
        else
        {
            ScheduleSyntax.Cron(run, Field(at, "start"), window.Start);
        }

        if (window.End is null)
        {
            run.Add(Field(at, "end"), "is required; give a 5-field cron such as \"0 7 * * 1-5\"");
        }
        else
        {
            ScheduleSyntax.Cron(run, Field(at, "end"), window.End);
        }

        if (window.Start is not null && window.Start == window.End)
        {
            run.Add(Field(at, "end"), "a window's start and end must differ; change one of them");
        }
    }

    private static void Drain(ValidationRun run, DrainSpec drain)
    {
        if (drain.MaxUnavailable is { } maxUnavailable && !(maxUnavailable.Length <= 8 && MaxUnavailable().IsMatch(maxUnavailable)))
        {
            run.Add($"{P}.drain.maxUnavailable", $"{Q(maxUnavailable)} is not a count of at least 1 or a percentage of 1-100%; write e.g. 2 or \"25%\"");
        }

        if (drain.BlockedAfter is { } blocked && (blocked.Length > 16 || !KubeDuration.TryParse(blocked, out _)))
        {
            run.Add($"{P}.drain.blockedAfter", $"{Q(blocked)} is not a duration; write e.g. 30m or 1h");
        }

        run.Strings($"{P}.drain.protectedNamespaces", drain.ProtectedNamespaces, 50, unique: true, (at, ns) => run.Pattern(at, ns, 63, MetadataRules.DnsLabel(), "a namespace name (a lowercase DNS label)"));
    }

    [GeneratedRegex(@"^(([1-9][0-9]?|100)%|[1-9][0-9]*)\z")]
    private static partial Regex MaxUnavailable();
}
