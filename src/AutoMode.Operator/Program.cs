using AutoMode.Operator.Cli;

namespace AutoMode.Operator;

internal static class Program
{
    private static async Task<int> Main(string[] args) =>
        Cli.RunCommand.StartsOperator(args)
            ? await Hosting.RunCommand.RunAsync(args[1..], Console.Out, Console.Error)
            : CliApp.Run(args, new CliConsole(Console.In, Console.Out, Console.Error), new PhysicalCliFileSystem());
}
