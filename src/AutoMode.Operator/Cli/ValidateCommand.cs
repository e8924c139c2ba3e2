namespace AutoMode.Operator.Cli;

/// <summary>
/// `validate -f ...`: every error and warning of every object on stdout; notices and the summary on stderr.
/// Exit 1 if there is any error (or, with --strict, any warning).
/// </summary>
public static class ValidateCommand
{
    public static int Run(IReadOnlyList<string> args, CliConsole console, ICliFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(console);
        var commandLine = CommandLine.Parse(args, acceptsPartition: false, acceptsStrict: true);
        if (commandLine.Help)
        {
            console.Out.WriteLine(CliUsage.Validate);
            return ExitCodes.Success;
        }

        if (commandLine.Error is not null || commandLine.Files.Count == 0)
        {
            return CliUsage.Fail(console, "validate", commandLine.Error ?? "-f is required");
        }

        var loaded = ClassInputs.Load(commandLine, fileSystem, console.In);
        foreach (var notice in loaded.Notices)
        {
            console.Error.WriteLine(notice);
        }

        foreach (var line in loaded.Errors.Concat(loaded.Warnings))
        {
            console.Out.WriteLine(line);
        }

        var warnings = loaded.Warnings.Count > 0 ? $", {loaded.Warnings.Count} warning(s)" : "";
        if (loaded.Errors.Count > 0 || (commandLine.Strict && loaded.Warnings.Count > 0))
        {
            console.Error.WriteLine($"{loaded.Errors.Count} error(s){warnings}{(loaded.Errors.Count == 0 ? " (--strict)" : "")}");
            return ExitCodes.Failure;
        }

        console.Error.WriteLine($"{loaded.Classes.Count} WorkloadClass(es) valid{warnings}");
        return ExitCodes.Success;
    }
}
