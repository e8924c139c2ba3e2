using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace AutoMode.Testing.Cel;

/// <summary>
/// Runs CEL's RE2 patterns on .NET regexes. Kubernetes evaluates <c>matches</c>, <c>find</c> and <c>findAll</c> with
/// Go's RE2 (github.com/google/cel-go, k8s.io/apiserver/pkg/cel/library/regex.go), which differs from .NET where
/// CRD patterns could notice: without (?m) <c>$</c> matches only at the very end (.NET also matches before a final
/// newline); <c>\d \w \s</c> are ASCII-only; named groups are written <c>(?P&lt;name&gt;...)</c>. Those are translated;
/// NonBacktracking refuses what RE2 refuses too (lookarounds, backreferences) and keeps matching linear.
/// </summary>
public static class Re2Regex
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>The .NET regex for an RE2 pattern (cached).</summary>
    public static Regex Get(string pattern) =>
        Cache.GetOrAdd(pattern, p => new Regex(Translate(p), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(2)));

    /// <summary>The .NET spelling of an RE2 pattern.</summary>
    public static string Translate(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var multiline = pattern.Contains("(?m", StringComparison.Ordinal) || pattern.Contains("(?sm", StringComparison.Ordinal) || pattern.Contains("(?im", StringComparison.Ordinal);
        var text = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                text.Append((inClass, next) switch
                {
                    (false, 'd') => "[0-9]",
                    (false, 'D') => "[^0-9]",
                    (false, 'w') => "[0-9A-Za-z_]",
                    (false, 'W') => "[^0-9A-Za-z_]",
                    (false, 's') => @"[\t\n\f\r ]",
                    (false, 'S') => @"[^\t\n\f\r ]",
                    (true, 'd') => "0-9",
                    (true, 'w') => "0-9A-Za-z_",
                    (true, 's') => @"\t\n\f\r ",
                    _ => "\\" + next,
                });
                continue;
            }

            if (!inClass && c == '[')
            {
                inClass = true;
                text.Append(c);
                // A ']' right after '[' or '[^' is a literal in RE2.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    text.Append('^');
                    i++;
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    text.Append(@"\]");
                    i++;
                }

                continue;
            }

            if (inClass && c == ']')
            {
                inClass = false;
            }
            else if (!inClass && c == '$' && !multiline)
            {
                text.Append(@"\z");
                continue;
            }
            else if (!inClass && c == '(' && string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                text.Append("(?<");
                i += 3;
                continue;
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
