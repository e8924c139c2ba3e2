using AutoMode.Core.Desired;
using AutoMode.Core.Serialization;
using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Desired;

/// <summary>
/// Pins the rendered YAML of every config/samples/*.yaml (not recursive: invalid/ is for validate).
/// Run with UPDATE_GOLDEN=1 to rewrite testdata/&lt;sample&gt;.golden.yaml after an intended change, then review the diff.
/// </summary>
public sealed class GoldenSampleTests
{
    private static string SamplesDirectory => RepositoryPaths.Combine("config", "samples");

    private static string GoldenDirectory => RepositoryPaths.Combine("tests", "AutoMode.Core.Tests", "Desired", "testdata");

    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static TheoryData<string> SampleNames() => [.. Names()];

    private static List<string> Names() =>
        [.. Directory.EnumerateFiles(SamplesDirectory, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>What `automode-operator render` prints for the sample's Kubernetes objects.</summary>
    internal static string Render(string sampleName)
    {
        var path = Path.Combine(SamplesDirectory, sampleName + ".yaml");
        var documents = WorkloadClassDocuments.Parse(File.ReadAllText(path), path);
        Assert.All(documents, d => Assert.True(d.IsWorkloadClass, string.Join("\n", d.ErrorLines())));
        return ManifestYaml.JoinDocuments(documents.SelectMany(d =>
        {
            var desired = DesiredStateRenderer.Render(d.WorkloadClass!, RenderContext.Default);
            return new[] { ManifestYaml.Serialize(desired.NodeClass), ManifestYaml.Serialize(desired.NodePool) };
        }));
    }

    [Fact]
    public void Samples_AtLeastFour()
    {
        Assert.True(Names().Count >= 4, $"expected at least 4 samples in {SamplesDirectory}");
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Sample_RendersAsGolden(string sampleName)
    {
        var actual = Render(sampleName);
        var goldenPath = Path.Combine(GoldenDirectory, sampleName + ".golden.yaml");
        if (Update)
        {
            Directory.CreateDirectory(GoldenDirectory);
            File.WriteAllText(goldenPath, actual);
        }

        Assert.True(File.Exists(goldenPath), $"{goldenPath} is missing; run the tests with UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(goldenPath), actual);
    }

    [Fact]
    public void GoldenFiles_EachHasASample()
    {
        var samples = Names().ToHashSet(StringComparer.Ordinal);
        var orphans = Directory.Exists(GoldenDirectory)
            ? Directory.EnumerateFiles(GoldenDirectory, "*.golden.yaml")
                .Select(p => Path.GetFileName(p)[..^".golden.yaml".Length])
                .Where(name => !samples.Contains(name))
                .ToList()
            : [];

        Assert.True(orphans.Count == 0, $"golden files without a sample: {string.Join(", ", orphans)}");
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Sample_RenderedTwice_ByteIdentical(string sampleName)
    {
        Assert.Equal(Render(sampleName), Render(sampleName));
    }
}
