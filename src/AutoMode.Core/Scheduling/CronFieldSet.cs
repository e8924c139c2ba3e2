using System.Globalization;

namespace AutoMode.Core.Scheduling;

/// <summary>
/// One field of a standard (robfig/Karpenter) cron expanded to its values: <c>*</c>, <c>?</c>, <c>n</c>, <c>a-b</c>,
/// <c>*/s</c>, <c>a-b/s</c>, <c>a/s</c> and comma lists of those, with optional names (SUN-SAT, JAN-DEC).
/// </summary>
internal static class CronFieldSet
{
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    public static bool IsAny(string field) => field is "*" or "?";

    public static SortedSet<int>? Parse(string field, int min, int max, bool dayOfWeek = false, bool month = false)
    {
        var values = new SortedSet<int>();
        foreach (var part in field.Split(','))
        {
            var rangeAndStep = part.Split('/');
            if (rangeAndStep.Length > 2)
            {
                return null;
            }

            var step = 1;
            if (rangeAndStep.Length == 2 && (!int.TryParse(rangeAndStep[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
            {
                return null;
            }

            int low, high;
            var range = rangeAndStep[0];
            if (IsAny(range))
            {
                (low, high) = (min, max);
            }
            else
            {
                var bounds = range.Split('-');
                if (bounds.Length > 2 || !TryValue(bounds[0], dayOfWeek, month, out low))
                {
                    return null;
                }

                high = low;
                if (bounds.Length == 2 && !TryValue(bounds[1], dayOfWeek, month, out high))
                {
                    return null;
                }

                if (bounds.Length == 1 && rangeAndStep.Length == 2)
                {
                    high = max;
                }
            }

            if (low < min || high > max || low > high)
            {
                return null;
            }

            for (var v = low; v <= high; v += step)
            {
                values.Add(v);
            }
        }

        return values;
    }

    /// <summary>Sorted values as a cron list; runs of three or more become ranges, the full range becomes <c>*</c>.</summary>
    public static string Render(IEnumerable<int> values, int min, int max)
    {
        var sorted = values.Distinct().Order().ToList();
        if (sorted.Count == max - min + 1)
        {
            return "*";
        }

        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            if (j - i >= 2)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            }
            else
            {
                for (var k = i; k <= j; k++)
                {
                    parts.Add(sorted[k].ToString(CultureInfo.InvariantCulture));
                }
            }

            i = j + 1;
        }

        return string.Join(',', parts);
    }

    private static bool TryValue(string text, bool dayOfWeek, bool month, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var names = dayOfWeek ? DayNames : month ? MonthNames : [];
        var index = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        value = month ? index + 1 : index;
        return index >= 0;
    }
}
