using System.Globalization;
using System.Text;

namespace AutoMode.Core.Validation;

/// <summary>
/// Says what is wrong with a name that must be a DNS label (RFC 1123: at most 63 characters, lowercase letters,
/// digits and '-', starting and ending alphanumeric), and proposes the nearest name that is one.
/// </summary>
public static class DnsLabelAdvice
{
    public const int MaxLength = 63;

    /// <summary>Each problem in plain words, e.g. "uppercase letters", "'_'", "70 characters (at most 63)".</summary>
    public static IReadOnlyList<string> Problems(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var problems = new List<string>();
        if (name.Any(char.IsUpper))
        {
            problems.Add("uppercase letters are not allowed");
        }

        var others = name.Where(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' || char.IsUpper(c)))
            .Distinct().Take(5).Select(Show).ToList();
        if (others.Count > 0)
        {
            problems.Add($"{string.Join(", ", others)} {(others.Count == 1 ? "is" : "are")} not allowed (only a-z, 0-9 and '-')");
        }

        if (name.Length > 0 && (name[0] == '-' || name[^1] == '-'))
        {
            problems.Add("it must start and end with a letter or digit");
        }

        if (name.Length > MaxLength)
        {
            problems.Add($"it has {name.Length.ToString(CultureInfo.InvariantCulture)} characters (at most {MaxLength})");
        }

        return problems;
    }

    /// <summary>The nearest DNS label: lowercased, other characters as '-', no leading/trailing '-', cut to 63; null if nothing is left.</summary>
    public static string? Suggest(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(Math.Min(name.Length, 256));
        foreach (var c in name.Take(256))
        {
            var lower = char.ToLowerInvariant(c);
            var next = char.IsAsciiLetterLower(lower) || char.IsAsciiDigit(lower) ? lower : '-';
            if (!(next == '-' && (text.Length == 0 || text[^1] == '-')))
            {
                text.Append(next);
            }
        }

        var label = text.ToString();
        label = label[..Math.Min(label.Length, MaxLength)].Trim('-');
        return label.Length == 0 || label == name ? null : label;
    }

    private static string Show(char c) => c switch
    {
        ' ' => "spaces",
        '.' => "'.'",
        _ when char.IsControl(c) || char.IsWhiteSpace(c) => $"U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}",
        _ => $"'{c}'",
    };
}
