namespace AutoMode.Core.Validation;

/// <summary>
/// "did you mean ...?" for a misspelt field name: the known name with the smallest edit distance, when it is close
/// enough to be a typo (a different case, a missing or extra letter, two swapped letters) rather than another word.
/// </summary>
public static class FieldSuggestions
{
    /// <summary>The closest of <paramref name="known"/> to <paramref name="unknown"/>, or null when none is plausibly meant.</summary>
    public static string? Closest(string unknown, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(unknown);
        ArgumentNullException.ThrowIfNull(known);
        var candidates = known.ToList();
        if (candidates.FirstOrDefault(k => string.Equals(k, unknown, StringComparison.OrdinalIgnoreCase)) is { } sameLetters)
        {
            return sameLetters;
        }

        // One edit per three letters: "instance" -> "instances", "subnet" -> "subnets", "exclude" is not "sizes".
        var allowed = Math.Max(1, unknown.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(unknown.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1.</summary>
    internal static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            // Field names are short; a long key is never a typo of one and must not cost quadratic time.
            return int.MaxValue;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
