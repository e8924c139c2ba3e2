using System.Diagnostics;
using System.Globalization;
using AutoMode.Core.Serialization;
using AutoMode.Operator.Cli;
using AutoMode.Operator.Tests.Cli;

namespace AutoMode.Operator.Tests.Fuzz;

/// <summary>
/// `validate` and `render` in-process over 10,000 adversarial documents (issue: proof of resilience, point 4): no
/// crash, no hang, and every document either renders or is named in an error.
/// </summary>
public sealed class CliAppFuzzTests
{
    private const int Documents = 10_000;
    private const int PerDirectory = 250;
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ValidateAndRender_TenThousandAdversarialDocuments_NeverCrashOrHang_AndNameEveryBadDocument()
    {
        var generator = new AdversarialDocuments(seed: 20261123);
        var files = new InMemoryFileSystem();
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Documents; i++)
        {
            var (kind, text) = generator.Next(i);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            files.Files[Path(i)] = text;
        }

        var slowest = TimeSpan.Zero;
        var named = 0;
        var rendered = 0;
        for (var start = 0; start < Documents; start += PerDirectory)
        {
            var directory = Directory(start);
            var validate = await RunAsync(files, "validate", "-f", directory);
            var render = await RunAsync(files, "render", "-f", directory);
            slowest = new[] { slowest, validate.Elapsed, render.Elapsed }.Max();

            Assert.Contains(validate.Code, new[] { ExitCodes.Success, ExitCodes.Failure });
            Assert.Equal(validate.Code, render.Code);
            // The same errors, on stdout for validate and on stderr (before the summary) for render.
            Assert.Equal(Lines(validate.Out), Lines(render.Err).SkipLast(1));

            // Every document is either named in an error or renders with the others that are not.
            var good = Enumerable.Range(start, PerDirectory).Where(i => !validate.Out.Contains(Path(i) + ": ", StringComparison.Ordinal)).ToList();
            named += PerDirectory - good.Count;
            var clean = new InMemoryFileSystem();
            foreach (var i in good)
            {
                clean.Files["good/" + Path(i)] = files.Files[Path(i)];
            }

            if (good.Count > 0)
            {
                var renderGood = await RunAsync(clean, "render", "-f", "good/" + directory);
                Assert.True(renderGood.Code == ExitCodes.Success, renderGood.Err);
                var nodePools = YamlJsonReader.ParseAll(renderGood.Out).Count(d => (string?)d?["kind"] == "NodePool");
                // A file with no document at all (empty, only comments or whitespace) is fine to skip silently.
                var empty = good.Count(i => WorkloadClassDocuments.Parse(files.Files[Path(i)], "x").Count == 0);
                Assert.True(nodePools >= good.Count - empty, $"{nodePools} NodePools rendered for {good.Count - empty} documents that were not reported");
                rendered += nodePools;
            }
        }

        Assert.True(named > Documents / 2, $"only {named} documents were reported as bad; the generator is too gentle");
        Assert.True(slowest < RunBound, $"slowest run {slowest}");
        Assert.All(AdversarialDocuments.Kinds, k => Assert.True(kinds.GetValueOrDefault(k) > 100, $"{k}: {kinds.GetValueOrDefault(k)}"));
        _ = rendered;
    }

    private static string Directory(int index) => "fuzz/b" + (index / PerDirectory).ToString("000", CultureInfo.InvariantCulture);

    private static string Path(int index) => Directory(index) + "/d" + index.ToString("00000", CultureInfo.InvariantCulture) + ".yaml";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static async Task<(int Code, string Out, string Err, TimeSpan Elapsed)> RunAsync(ICliFileSystem fileSystem, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var clock = Stopwatch.StartNew();
        // On a worker thread with a bound: a hang fails the test instead of stalling the run.
        var code = await Task.Run(() => CliApp.Run(args, new CliConsole(new StringReader(""), output, error), fileSystem)).WaitAsync(RunBound);
        return (code, output.ToString(), error.ToString(), clock.Elapsed);
    }
}
