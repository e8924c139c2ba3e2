namespace AutoMode.Operator.Cli;

/// <summary>
/// The process entry. `run` with well-formed flags starts the long-running operator (<see cref="Hosting.RunCommand"/>)
/// with the options parsed here once; everything else, `run --help` and flag errors included, is the in-process CLI.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var console = new CliConsole(Console.In, Console.Out, Console.Error);
        if (args is ["run", .. var flags])
        {
            var request = RunCommand.Parse(flags, Environment.GetEnvironmentVariable);
            return request.Options is { } options
                ? await Hosting.RunCommand.RunAsync(options, Console.Error)
                : RunCommand.Report(request, console);
        }

        if (args is ["import", .. var importArgs] && importArgs.Contains(ImportCommand.FromCluster))
        {
            return await ImportCommand.RunFromClusterAsync(importArgs, console,
                () => Kubernetes.KubernetesClientFactory.Create(Kubernetes.KubernetesClientFactory.LoadConfiguration()), CancellationToken.None);
        }

        return CliApp.Run(args, console, new PhysicalCliFileSystem());
    }
}
