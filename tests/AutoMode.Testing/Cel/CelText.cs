using System.Text;
using System.Text.RegularExpressions;

namespace AutoMode.Testing.Cel;

/// <summary>Lexical helpers over CEL source: strip string literals before looking for identifiers.</summary>
public static partial class CelText
{
    /// <summary><paramref name="expression"/> with every string literal ('..', "..", raw and triple-quoted) replaced by <c>''</c>.</summary>
    public static string StripStrings(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = new StringBuilder(expression.Length);
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (c is '\'' or '"')
            {
                var raw = i > 0 && expression[i - 1] is 'r' or 'R';
                var quote = i + 2 < expression.Length && expression[i + 1] == c && expression[i + 2] == c ? new string(c, 3) : c.ToString();
                i += quote.Length;
                while (i < expression.Length && string.CompareOrdinal(expression, i, quote, 0, quote.Length) != 0)
                {
                    i += !raw && expression[i] == '\\' ? 2 : 1;
                }

                i += quote.Length;
                text.Append("''");
                continue;
            }

            text.Append(c);
            i++;
        }

        return text.ToString();
    }

    /// <summary>Whether <paramref name="expression"/> refers to <c>oldSelf</c> (a transition rule), outside string literals.</summary>
    public static bool UsesOldSelf(string expression) => OldSelf().IsMatch(StripStrings(expression));

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])oldSelf(?![A-Za-z0-9_])")]
    private static partial Regex OldSelf();
}
