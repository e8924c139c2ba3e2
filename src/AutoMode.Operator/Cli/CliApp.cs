namespace AutoMode.Operator.Cli;

/// <summary>The command dispatcher. Everything is passed in (streams, file system), so tests run it in-process.</summary>
public static class CliApp
{
    public static int Run(IReadOnlyList<string> args, CliConsole console, ICliFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Count == 0)
        {
            console.Error.WriteLine(CliUsage.Root);
            return ExitCodes.Usage;
        }

        var rest = args.Skip(1).ToList();
        switch (args[0])
        {
            case "-h" or "--help" or "help":
                console.Out.WriteLine(CliUsage.Root);
                return ExitCodes.Success;
            case "render":
                return RenderCommand.Run(rest, console, fileSystem);
            case "validate":
                return ValidateCommand.Run(rest, console, fileSystem);
            case "import":
                return ImportCommand.Run(rest, console, fileSystem);
            case "run":
                return RunCommand.Run(rest, console);
            case "version" or "--version":
                return VersionCommand.Run(rest, console);
            default:
                console.Error.WriteLine($"error: unknown command \"{args[0]}\"");
                console.Error.WriteLine(CliUsage.Root);
                return ExitCodes.Usage;
        }
    }
}
