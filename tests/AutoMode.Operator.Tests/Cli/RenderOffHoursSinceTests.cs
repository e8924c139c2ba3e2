using AutoMode.Operator.Cli;
using AutoMode.Testing.Schemas;

namespace AutoMode.Operator.Tests.Cli;

/// <summary>`render --at` reports when capacity really went down, overrides included (issue: never delete what it does not own, item 7).</summary>
public sealed class RenderOffHoursSinceTests
{
    [Fact]
    public void GameServerSample_AfterItsUpUntilOverEndedOnAHoliday_IsDownSinceTheOverrideEnded()
    {
        // The sample's up-until=2026-12-31T23:00:00Z held capacity up until 00:00+01:00, inside the New Year holiday.
        var sample = RepositoryPaths.Combine("config", "samples", "game-server.yaml");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = CliApp.Run(["render", "-f", sample, "--at", "2027-01-01T00:30:00+01:00"], new CliConsole(new StringReader(""), output, error), new PhysicalCliFileSystem());

        Assert.True(code == 0, error.ToString());
        Assert.Contains("# off-hours: active since 2027-01-01T00:00+01:00 (Holiday)", output.ToString(), StringComparison.Ordinal);
    }
}
