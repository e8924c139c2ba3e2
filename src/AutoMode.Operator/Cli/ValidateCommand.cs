namespace AutoMode.Operator.Cli;

/// <summary>`validate -f ...`: every error of every object on stdout; exit 1 if any.</summary>
public static class ValidateCommand
{
    public static int Run(IReadOnlyList<string> args, CliConsole console, ICliFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(console);
        var commandLine = CommandLine.Parse(args, acceptsPartition: false);
        if (commandLine.Help)
        {
            console.Out.WriteLine(CliUsage.Validate);
            return ExitCodes.Success;
        }

        if (commandLine.Error is not null || commandLine.Files.Count == 0)
        {
            console.Error.WriteLine($"error: {commandLine.Error ?? "-f is required"}");
            console.Error.WriteLine(CliUsage.Validate);
            return ExitCodes.Usage;
        }

        var loaded = ClassInputs.Load(commandLine, fileSystem, console.In);
        foreach (var error in loaded.Errors)
        {
            console.Out.WriteLine(error);
        }

        if (loaded.Errors.Count > 0)
        {
            console.Error.WriteLine($"{loaded.Errors.Count} error(s)");
            return ExitCodes.Failure;
        }

        console.Error.WriteLine($"{loaded.Classes.Count} WorkloadClass(es) valid");
        return ExitCodes.Success;
    }
}
