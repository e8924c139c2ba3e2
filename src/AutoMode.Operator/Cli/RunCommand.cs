namespace AutoMode.Operator.Cli;

/// <summary>`run`: placeholder until the controller host lands.</summary>
public static class RunCommand
{
    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Any(a => a is "-h" or "--help"))
        {
            console.Out.WriteLine(CliUsage.Run);
            return ExitCodes.Success;
        }

        console.Error.WriteLine("run: not implemented yet");
        return ExitCodes.Failure;
    }
}
