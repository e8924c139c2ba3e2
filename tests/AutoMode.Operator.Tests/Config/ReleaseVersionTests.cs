using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoMode.Core.Serialization;
using AutoMode.Operator.Cli;
using AutoMode.Operator.Controllers;

namespace AutoMode.Operator.Tests.Config;

/// <summary>Issue 17 point 2 and the release path: one version, from Directory.Build.props to the binary, /metrics and the manifests.</summary>
public sealed partial class ReleaseVersionTests
{
    private static readonly string ProjectVersion =
        VersionPrefix().Match(File.ReadAllText(RepoPaths.Get("Directory.Build.props"))).Groups["v"].Value;

    [Fact]
    public void DefaultManifests_RunTheImageTheReleaseOfThisVersionPushes()
    {
        var kustomization = YamlJsonReader.ParseAll(File.ReadAllText(RepoPaths.Get("config", "manager", "kustomization.yaml"))).OfType<JsonObject>().Single();
        var image = kustomization["images"]!.AsArray().Single()!;

        Assert.Matches(@"^\d+\.\d+\.\d+$", ProjectVersion);
        Assert.Equal("ghcr.io/automode-operator/automode-operator", (string?)image["newName"]);
        Assert.Equal("v" + ProjectVersion, (string?)image["newTag"]);
    }

    [Fact]
    public void VersionCommand_PrintsTheStampedVersionAndCommit()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = CliApp.Run(["version"], new CliConsole(new StringReader(""), output, error), new PhysicalCliFileSystem());

        Assert.Equal(ExitCodes.Success, code);
        // Built without -p:Version (make test), the binary is the project version itself.
        Assert.StartsWith(ProjectVersion, BuildInfo.Version, StringComparison.Ordinal);
        Assert.StartsWith($"automode-operator {BuildInfo.Version} (commit {BuildInfo.Revision}, .NET ", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(error.ToString());
    }

    [Fact]
    public void VersionCommand_RejectsArguments()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = CliApp.Run(["version", "--short"], new CliConsole(new StringReader(""), output, error), new PhysicalCliFileSystem());

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void BuildInfoMetric_IsOne_WithVersionAndRevision()
    {
        var seen = new List<(int Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "automode-operator" && instrument.Name == "automode_operator_build_info")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            lock (seen)
            {
                seen.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        _ = OperatorMetrics.BuildInfoGauge;
        listener.Start();

        listener.RecordObservableInstruments();

        var (value, labels) = Assert.Single(seen);
        Assert.Equal(1, value);
        Assert.Equal(BuildInfo.Version, labels["version"]);
        Assert.Equal(BuildInfo.Revision, labels["revision"]);
        Assert.StartsWith(ProjectVersion, (string?)labels["version"], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<VersionPrefix>(?<v>[^<]+)</VersionPrefix>")]
    private static partial Regex VersionPrefix();
}
