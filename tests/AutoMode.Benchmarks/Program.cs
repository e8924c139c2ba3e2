namespace AutoMode.Benchmarks;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        var options = BenchOptions.Parse(args, Environment.GetEnvironmentVariable, out var errors);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync("bench: " + error);
            }

            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }

        string report;
        try
        {
            report = await BenchRunner.RunAsync(options, args, Console.Out, CancellationToken.None);
        }
        catch (BenchAbortedException ex)
        {
            await Console.Error.WriteLineAsync("bench: " + ex.Message);
            return 3;
        }

        var path = RepositoryPaths.Resolve(options.Out);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, report);
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"bench: wrote {path}");
        return 0;
    }
}
