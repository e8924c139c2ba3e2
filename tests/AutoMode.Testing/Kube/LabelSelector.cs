namespace AutoMode.Testing.Kube;

/// <summary>
/// Kubernetes label selector: comma-AND of <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k</c>, <c>!k</c>,
/// <c>k in (a,b)</c>, <c>k notin (a,b)</c>.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>?, bool>> _terms = [];

    private LabelSelector()
    {
    }

    public static LabelSelector? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var selector = new LabelSelector();
        foreach (var raw in SplitTerms(text))
        {
            var term = raw.Trim();
            if (term.Length == 0)
            {
                throw FakeApiException.BadRequest($"invalid label selector \"{text}\"");
            }

            selector._terms.Add(ParseTerm(term, text));
        }

        return selector;
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels) => _terms.TrueForAll(t => t(labels));

    private static Func<IReadOnlyDictionary<string, string>?, bool> ParseTerm(string term, string text)
    {
        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return labels => labels is null || !labels.ContainsKey(key);
        }

        var notEquals = term.IndexOf("!=", StringComparison.Ordinal);
        if (notEquals > 0)
        {
            var key = term[..notEquals].Trim();
            var value = term[(notEquals + 2)..].Trim();
            return labels => Value(labels, key) != value;
        }

        var equals = term.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            var key = term[..equals].Trim();
            var value = term[(equals + 1)..].TrimStart('=').Trim();
            return labels => Value(labels, key) == value;
        }

        var parts = term.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 2)
        {
            var rest = parts[1];
            var negate = rest.StartsWith("notin", StringComparison.Ordinal);
            if (!negate && !rest.StartsWith("in", StringComparison.Ordinal))
            {
                throw FakeApiException.BadRequest($"invalid label selector \"{text}\"");
            }

            var open = rest.IndexOf('(', StringComparison.Ordinal);
            var close = rest.LastIndexOf(')');
            if (open < 0 || close < open)
            {
                throw FakeApiException.BadRequest($"invalid label selector \"{text}\"");
            }

            var values = rest[(open + 1)..close]
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .ToHashSet(StringComparer.Ordinal);
            var key = parts[0];
            return negate
                ? labels => Value(labels, key) is not { } v || !values.Contains(v)
                : labels => Value(labels, key) is { } v && values.Contains(v);
        }

        var exists = term;
        return labels => labels is not null && labels.ContainsKey(exists);
    }

    private static string? Value(IReadOnlyDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var value) ? value : null;

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }
}
