using System.Reflection.PortableExecutable;
using AutoMode.Operator.Tests.Config;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoMode.Operator.Tests.Architecture;

/// <summary>
/// The operator's sources (src/AutoMode.Operator) compiled in memory against what the test runs with: the runtime's
/// assemblies and the packages copied next to the tests, which are the operator's own dependencies.
/// </summary>
internal static class OperatorSources
{
    public static CSharpCompilation Compile()
    {
        var project = RepoPaths.Get("src", "AutoMode.Operator");
        var sources = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(project, f))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), Options, f))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings(project), Options, "GlobalUsings.g.cs"));
        return Create("automode-operator", sources, References(exclude: "automode-operator"));
    }

    public static CSharpParseOptions Options { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilation Create(string assemblyName, IEnumerable<SyntaxTree> sources, IEnumerable<MetadataReference> references) =>
        CSharpCompilation.Create(assemblyName, sources, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The runtime's assemblies, then every other managed assembly beside the tests (one per name).</summary>
    public static IReadOnlyList<MetadataReference> References(string? exclude = null)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        return platform.Concat(local)
            .Where(path => Path.GetFileNameWithoutExtension(path) != exclude && IsManaged(path))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    }

    /// <summary>
    /// The SDK's implicit usings plus the project's &lt;Using&gt; items, as the build wrote them. The test project
    /// builds the operator first, so the file exists; without it half the names would not bind (and
    /// <see cref="NamespaceReferences.Collect"/> would say so).
    /// </summary>
    private static string GlobalUsings(string project)
    {
        var written = Directory.EnumerateFiles(Path.Combine(project, "obj"), "*.GlobalUsings.g.cs", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault() ?? throw new InvalidOperationException($"No GlobalUsings.g.cs under {project}/obj: build src/AutoMode.Operator first.");
        return File.ReadAllText(written);
    }

    private static bool IsBuildOutput(string project, string file)
    {
        var relative = Path.GetRelativePath(project, file).Split(Path.DirectorySeparatorChar)[0];
        return relative is "obj" or "bin";
    }

    private static bool IsManaged(string path)
    {
        try
        {
            using var reader = new PEReader(File.OpenRead(path));
            return reader.HasMetadata;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
