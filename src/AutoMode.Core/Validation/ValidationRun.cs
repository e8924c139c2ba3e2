using System.Text.RegularExpressions;

namespace AutoMode.Core.Validation;

/// <summary>
/// One validation pass: collects errors in field order and holds the checks every spec section shares (list bounds,
/// enums, patterns, lengths, ranges), so each section's rules read as a list of fields.
/// </summary>
internal sealed class ValidationRun
{
    // Past this length a string's rune count is not worth computing: it is over every limit anyway.
    private const int LongString = 4096;

    public List<ValidationError> Errors { get; } = [];

    public void Add(string path, string message) => Errors.Add(new ValidationError(path, message));

    /// <summary>Checks presence, emptiness and size; true when the items should be checked one by one.</summary>
    public bool List<T>(string path, IList<T>? list, int max, bool required, string fix, bool nonEmpty = false)
    {
        if (list is null)
        {
            if (required)
            {
                Add(path, $"is required; {fix}");
            }

            return false;
        }

        if (list.Count == 0 && (required || nonEmpty))
        {
            Add(path, $"is empty; {(fix.Length > 0 ? fix : "add at least one term or remove the field")}");
        }

        if (list.Count > max)
        {
            Add(path, $"has {list.Count} items; at most {max} are allowed");
        }

        return true;
    }

    public void Strings(string path, IList<string>? list, int max, bool unique, Action<string, string> each)
    {
        if (!List(path, list, max, required: false, ""))
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list!.Count; i++)
        {
            var at = ValidationPaths.Index(path, i);
            if (list[i] is not { } value)
            {
                Add(at, "is null; remove it or give a value");
                continue;
            }

            each(at, value);
            if (unique && !seen.Add(value))
            {
                Add(at, $"{ValidationPaths.Q(value)} is listed twice; remove the duplicate");
            }
        }
    }

    public void Enum(string path, string? value, params string[] allowed)
    {
        if (value is not null && Array.IndexOf(allowed, value) < 0)
        {
            Add(path, $"{ValidationPaths.Q(value)} is not allowed; use {string.Join(", ", allowed.Take(allowed.Length - 1))}{(allowed.Length > 1 ? " or " : "")}{allowed[^1]}");
        }
    }

    public void Pattern(string path, string value, int maxLength, Regex pattern, string expected)
    {
        if (value.Length == 0 || value.EnumerateRunes().Count() > maxLength || !pattern.IsMatch(value))
        {
            Add(path, $"{ValidationPaths.Q(value)} is not valid; use {expected}");
        }
    }

    public void Length(string path, string value, int min, int max)
    {
        var length = value.Length > LongString ? value.Length : value.EnumerateRunes().Count();
        if (length < min || length > max)
        {
            Add(path, $"{ValidationPaths.Q(value)} is {length} characters; use {(min > 0 ? $"{min}-{max}" : $"at most {max}")}");
        }
    }

    public void Range(string path, long? value, long min, long max, string what)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(path, $"{v} is outside {min}-{max}; use {min}-{max} {what}");
        }
    }
}
