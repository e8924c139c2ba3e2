namespace AutoMode.Benchmarks;

/// <summary>
/// The runtime settings the container image gives the operator (the <c>ENV</c> lines of the Dockerfile's last stage),
/// so the bench starts the process as the image runs it, from the one place those settings live.
/// </summary>
internal static class ImageEnvironment
{
    public static IReadOnlyDictionary<string, string> Read(string dockerfile)
    {
        var lines = File.ReadAllLines(dockerfile);
        var lastStage = Array.FindLastIndex(lines, l => l.TrimStart().StartsWith("FROM ", StringComparison.OrdinalIgnoreCase));
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(Math.Max(lastStage, 0)).Select(l => l.Trim()))
        {
            if (!line.StartsWith("ENV ", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var pair in line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    environment[pair[..equals]] = pair[(equals + 1)..].Trim('"');
                }
            }
        }

        return environment;
    }

    public static string Describe(IReadOnlyDictionary<string, string> environment) =>
        environment.Count == 0 ? "none" : string.Join(" ", environment.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
