using AutoMode.Operator.Hosting;

namespace AutoMode.Operator.Tests.Hosting;

public sealed class RunCommandTests
{
    [Fact]
    public async Task UnreadableKubeconfig_ExitsWith2_AndSaysWhich_BeforeServingAnything()
    {
        var missing = Path.Combine(Path.GetTempPath(), "automode-missing-" + Guid.NewGuid().ToString("N"), "config");
        using var stderr = new StringWriter();

        var exit = await RunCommand.RunAsync(new RunOptions { Kubeconfig = missing, LeaderElect = false }, stderr);

        Assert.Equal(2, exit);
        Assert.Contains("cannot load the Kubernetes configuration", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains(missing, stderr.ToString(), StringComparison.Ordinal);
    }
}
