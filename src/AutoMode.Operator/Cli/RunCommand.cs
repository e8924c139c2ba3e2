using AutoMode.Operator.Hosting;

namespace AutoMode.Operator.Cli;

/// <summary>
/// `run` as the in-process CLI sees it: help and flag errors. Starting the operator itself is asynchronous and
/// long-running, so Program hands a well-formed `run` straight to <see cref="Hosting.RunCommand"/>.
/// </summary>
public static class RunCommand
{
    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args.Any(a => a is "-h" or "--help"))
        {
            console.Out.Write(RunOptions.Usage());
            return ExitCodes.Success;
        }

        RunOptions.Parse(args, Environment.GetEnvironmentVariable, out var errors);
        foreach (var error in errors)
        {
            console.Error.WriteLine("error: " + error);
        }

        console.Error.WriteLine(CliUsage.Run);
        return errors.Count > 0 ? ExitCodes.Usage : ExitCodes.Failure;
    }

    /// <summary>True when the arguments ask for the long-running operator rather than help or a flag error.</summary>
    public static bool StartsOperator(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] != "run" || args.Any(a => a is "-h" or "--help"))
        {
            return false;
        }

        RunOptions.Parse([.. args.Skip(1)], Environment.GetEnvironmentVariable, out var errors);
        return errors.Count == 0;
    }
}
