using AutoMode.Operator.Cli;

namespace AutoMode.Operator.Tests.Cli;

/// <summary>Files by path; a path in Unreadable throws like a file without read permission.</summary>
internal sealed class InMemoryFileSystem : ICliFileSystem
{
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Unreadable { get; } = new(StringComparer.Ordinal);

    public bool FileExists(string path) => Files.ContainsKey(path) || Unreadable.Contains(path);

    public bool DirectoryExists(string path) => Files.Keys.Concat(Unreadable).Any(f => f.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal));

    public IEnumerable<string> EnumerateFiles(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return Files.Keys.Concat(Unreadable).Where(f => f.StartsWith(prefix, StringComparison.Ordinal) && !f[prefix.Length..].Contains('/', StringComparison.Ordinal));
    }

    public IEnumerable<string> EnumerateDirectories(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return Files.Keys.Concat(Unreadable)
            .Where(f => f.StartsWith(prefix, StringComparison.Ordinal) && f[prefix.Length..].Contains('/', StringComparison.Ordinal))
            .Select(f => prefix + f[prefix.Length..].Split('/')[0])
            .Distinct(StringComparer.Ordinal);
    }

    public string ReadAllText(string path) =>
        Unreadable.Contains(path) ? throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.")
        : Files.TryGetValue(path, out var text) ? text
        : throw new FileNotFoundException("not found", path);
}
