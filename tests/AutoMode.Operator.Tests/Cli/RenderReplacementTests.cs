using AutoMode.Operator.Cli;
using AutoMode.Testing.Schemas;

namespace AutoMode.Operator.Tests.Cli;

/// <summary>`render --at` shows the replacement windows of a class: open or not, the next window, the drift hold in UTC, the rotation.</summary>
public sealed class RenderReplacementTests
{
    private static string Render(string at)
    {
        var sample = RepositoryPaths.Combine("config", "samples", "game-server.yaml");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(["render", "-f", sample, "--at", at], new CliConsole(new StringReader(""), output, error), new PhysicalCliFileSystem());
        Assert.True(code == 0, error.ToString());
        return output.ToString();
    }

    [Fact]
    public void GameServer_InsideMondaysWindow_ShowsItOpenAndTheHoldAfterIt()
    {
        var output = Render("2026-06-08T04:30:00+02:00");

        Assert.Contains("# replacement windows: open until 2026-06-08T06:00+02:00, drift proceeds at 1 at a time; next window 2026-06-09T04:00+02:00", output, StringComparison.Ordinal);
        Assert.Contains("# drift hold: Drifted budget \"0\" at UTC \"0 4 8 6 *\" for 22h", output, StringComparison.Ordinal);
        Assert.Contains("# rotation: every 168h at the first window start after the last rotation", output, StringComparison.Ordinal);
        Assert.Contains("schedule: \"0 4 8 6 *\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GameServer_OnAFridayInWinter_ShowsItClosedUntilMonday()
    {
        // Thu 06:00 CET (05:00Z) until Mon 04:00 CET (03:00Z): 94h.
        var output = Render("2026-12-04T12:00:00+01:00");

        Assert.Contains("# replacement windows: closed, drift held; next window 2026-12-07T04:00+01:00", output, StringComparison.Ordinal);
        Assert.Contains("# drift hold: Drifted budget \"0\" at UTC \"0 5 3 12 *\" for 94h", output, StringComparison.Ordinal);
    }
}
