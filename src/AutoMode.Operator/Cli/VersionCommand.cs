namespace AutoMode.Operator.Cli;

/// <summary>`version`: which build this is, as one line (`automode-operator 0.1.0 (commit ..., .NET ..., linux-x64)`).</summary>
public static class VersionCommand
{
    public const string Usage = """
        Print the operator's version, the commit it was built from, and the .NET runtime it runs on.

        Usage:
          automode-operator version
        """;

    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Any(a => a is "-h" or "--help"))
        {
            console.Out.WriteLine(Usage);
            return ExitCodes.Success;
        }

        if (args.Count > 0)
        {
            console.Error.WriteLine($"error: version takes no arguments, got \"{args[0]}\"");
            console.Error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        console.Out.WriteLine(BuildInfo.Describe());
        return ExitCodes.Success;
    }
}
