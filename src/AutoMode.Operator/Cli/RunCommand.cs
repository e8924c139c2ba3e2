using AutoMode.Operator.Hosting;

namespace AutoMode.Operator.Cli;

/// <summary>
/// `run`'s command line, parsed in this one place: <see cref="Program"/> hands well-formed options to
/// <see cref="Hosting.RunCommand"/>, which starts the operator without reading the flags again; help and flag errors
/// are answered here.
/// </summary>
public static class RunCommand
{
    /// <summary>The in-process CLI (tests): help and flag errors; it never starts the long-running operator.</summary>
    public static int Run(IReadOnlyList<string> args, CliConsole console) =>
        Report(Parse(args, Environment.GetEnvironmentVariable), console);

    /// <summary>Flags over <paramref name="environment"/> over defaults (<see cref="RunOptions.Parse"/>), or help.</summary>
    internal static RunRequest Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "-h" or "--help"))
        {
            return new RunRequest(Help: true, null, []);
        }

        var options = RunOptions.Parse(args, environment, out var errors);
        return new RunRequest(Help: false, errors.Count == 0 ? options : null, errors);
    }

    /// <summary>Answers a request that does not start the operator: the help, or the errors and a hint.</summary>
    internal static int Report(RunRequest request, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(console);
        if (request.Help)
        {
            console.Out.Write(RunOptions.Usage());
            return ExitCodes.Success;
        }

        foreach (var error in request.Errors)
        {
            console.Error.WriteLine("error: " + error);
        }

        console.Error.WriteLine(CliUsage.Run);
        return request.Errors.Count > 0 ? ExitCodes.Usage : ExitCodes.Failure;
    }
}
