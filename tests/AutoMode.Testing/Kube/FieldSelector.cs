namespace AutoMode.Testing.Kube;

/// <summary>The field selectors every resource supports: <c>metadata.name</c> and <c>metadata.namespace</c> (=, ==, !=).</summary>
internal sealed class FieldSelector
{
    private readonly List<(string Field, string Value, bool Equal)> _terms = [];

    public static FieldSelector? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var selector = new FieldSelector();
        foreach (var term in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var notEquals = term.IndexOf("!=", StringComparison.Ordinal);
            var equals = term.IndexOf('=', StringComparison.Ordinal);
            var (field, value, equal) = notEquals > 0
                ? (term[..notEquals], term[(notEquals + 2)..], false)
                : equals > 0 ? (term[..equals], term[(equals + 1)..].TrimStart('='), true)
                : throw FakeApiException.BadRequest($"invalid field selector \"{text}\"");
            if (field is not ("metadata.name" or "metadata.namespace"))
            {
                throw FakeApiException.BadRequest($"field label not supported: {field}");
            }

            selector._terms.Add((field, value, equal));
        }

        return selector;
    }

    public bool Matches(string ns, string name) => _terms.TrueForAll(t =>
    {
        var actual = t.Field == "metadata.name" ? name : ns;
        return (actual == t.Value) == t.Equal;
    });
}
