using AutoMode.Operator.Cli;

namespace AutoMode.Operator;

internal static class Program
{
    private static int Main(string[] args) =>
        CliApp.Run(args, new CliConsole(Console.In, Console.Out, Console.Error), new PhysicalCliFileSystem());
}
