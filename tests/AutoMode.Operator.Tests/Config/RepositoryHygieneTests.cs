using System.Text.RegularExpressions;

namespace AutoMode.Operator.Tests.Config;

/// <summary>Issue 17 points 1, 9 and 10: the image context, the test summary CI prints, and what `make help` offers.</summary>
public sealed partial class RepositoryHygieneTests
{
    [Fact]
    public void DockerIgnore_KeepsBuildOutputsOfAnyDepthOutOfTheImageContext()
    {
        var patterns = File.ReadAllLines(RepoPaths.Get(".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();

        // Docker matches from the context root: `obj/` alone would miss src/AutoMode.Operator/obj (NETSDK1047).
        Assert.Contains("**/obj", patterns);
        Assert.Contains("**/bin", patterns);
        Assert.Contains("artifacts", patterns);
        Assert.Contains(".git", patterns);
        // hack/image-steps.sh, which CI runs, does not implement exceptions.
        Assert.DoesNotContain(patterns, p => p.StartsWith('!'));
        // Every COPY source of the Dockerfile's build stage survives the ignore list (a plain-name check; the script runs the real thing).
        var sources = CopySource().Matches(File.ReadAllText(RepoPaths.Get("Dockerfile")))
            .SelectMany(m => m.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(s => s.TrimEnd('/'))
            .ToList();
        Assert.Contains("src", sources);
        Assert.All(sources, source => Assert.DoesNotContain(source.Split('/')[0], patterns));
    }

    [ToolFact("bash")]
    public async Task TestSummary_NamesEachSkippedTestWithItsReason_BeforeTheTotals()
    {
        var dir = Directory.CreateTempSubdirectory("test-summary-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "run.trx"), """
                <?xml version="1.0" encoding="utf-8"?>
                <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
                  <Results>
                    <UnitTestResult testName="Ns.A.Passes" outcome="Passed">
                    </UnitTestResult>
                    <UnitTestResult testName="Ns.B.NeedsLua" outcome="NotExecuted">
                      <Output>
                        <ErrorInfo>
                          <Message>'lua5.4' is not installed (.ci/run installs it)</Message>
                        </ErrorInfo>
                      </Output>
                    </UnitTestResult>
                    <UnitTestResult testName="Ns.C.Breaks" outcome="Failed">
                      <Output>
                        <ErrorInfo>
                          <Message>Assert.Equal() Failure</Message>
                        </ErrorInfo>
                      </Output>
                    </UnitTestResult>
                  </Results>
                  <ResultSummary outcome="Failed">
                    <Counters total="3" executed="2" passed="1" failed="1" error="0" />
                  </ResultSummary>
                </TestRun>
                """);

            var (exitCode, stdout, stderr) = await ExternalTool.RunAsync("bash", ".ci/test-summary.sh", dir.FullName);

            Assert.True(exitCode == 0, stderr);
            Assert.Equal(
            [
                "SKIPPED Ns.B.NeedsLua: 'lua5.4' is not installed (.ci/run installs it)",
                "FAILED Ns.C.Breaks: Assert.Equal() Failure",
                "1 passed, 1 failed, 1 skipped",
            ], stdout.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [ToolFact("make")]
    public async Task MakeHelp_DoesNotOfferTheNativeAotPublishThatFails()
    {
        var (exitCode, stdout, stderr) = await ExternalTool.RunAsync("make", "--no-print-directory", "help");

        Assert.True(exitCode == 0, stderr);
        Assert.DoesNotContain("publish-aot", stdout, StringComparison.Ordinal);
        Assert.Contains("image ", stdout, StringComparison.Ordinal);
        Assert.Contains("push ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchmarksDoc_HasNoMachinePaths()
    {
        var doc = File.ReadAllText(RepoPaths.Get("docs", "benchmarks.md"));

        Assert.Empty(MachinePath().Matches(doc).Select(m => m.Value));
    }

    [GeneratedRegex(@"^COPY (?!--from)(?<sources>.+) \S+$", RegexOptions.Multiline)]
    private static partial Regex CopySource();

    [GeneratedRegex(@"(?<![\w.])/(work|root|home|tmp|Users)/[^\s`)]*")]
    private static partial Regex MachinePath();
}
