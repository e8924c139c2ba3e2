namespace AutoMode.Testing.Schemas;

/// <summary>Finds files relative to the repository root (the folder holding Operator.sln) and ../shared.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder that contains Operator.sln, found by walking up from the test assembly.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository root, e.g. <c>RepositoryPaths.Combine("crds", "x.yaml")</c>.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>../shared/crds/upstream relative to the root; null when that folder is absent (tests then skip).</summary>
    public static string? UpstreamCrds
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "crds", "upstream"));
            return Directory.Exists(path) ? path : null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Operator.sln above {AppContext.BaseDirectory}");
    }
}
