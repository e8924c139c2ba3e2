namespace AutoMode.Operator.Cli;

/// <summary>The options the commands share, parsed by hand: the command line is tiny and must work under NativeAOT.</summary>
/// <param name="Files">-f values, in order.</param>
/// <param name="Partition">--partition (render); "aws" by default.</param>
/// <param name="Help">-h or --help was given.</param>
/// <param name="Error">Why the command line is wrong; null when it is fine.</param>
/// <param name="At">render --at: the instant to render for (off-hours state, zoned budgets); null means now.</param>
public sealed record CommandLine(IReadOnlyList<string> Files, string Partition, bool Help, string? Error, DateTimeOffset? At = null)
{
    /// <summary>-R/--recursive: directories include the YAML files of their subdirectories.</summary>
    public bool Recursive { get; init; }

    /// <summary>validate --strict: warnings fail the run too.</summary>
    public bool Strict { get; init; }

    public static CommandLine Parse(IReadOnlyList<string> args, bool acceptsPartition, bool acceptsAt = false, bool acceptsStrict = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        var files = new List<string>();
        var partition = "aws";
        DateTimeOffset? at = null;
        var recursive = false;
        var strict = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    return new CommandLine(files, partition, Help: true, null);
                case "-R" or "--recursive":
                    recursive = true;
                    break;
                case "--strict" when acceptsStrict:
                    strict = true;
                    break;
                case "-f" or "--filename":
                    if (i + 1 >= args.Count)
                    {
                        return Fail($"{arg} needs a value: a file, a directory or - for standard input");
                    }

                    files.Add(args[++i]);
                    break;
                case "--partition" when acceptsPartition:
                    if (i + 1 >= args.Count)
                    {
                        return Fail("--partition needs a value: aws, aws-cn or aws-us-gov");
                    }

                    partition = args[++i];
                    break;
                case "--at" when acceptsAt:
                    if (i + 1 >= args.Count)
                    {
                        return Fail("--at needs a value: an RFC 3339 time with an offset, e.g. 2026-11-24T19:30:00+09:00");
                    }

                    if (ParseAt(args[++i]) is not { } parsed)
                    {
                        return Fail($"--at \"{args[i]}\" is not an RFC 3339 time with an offset, e.g. 2026-11-24T19:30:00+09:00");
                    }

                    at = parsed;
                    break;
                default:
                    if (arg.StartsWith("--filename=", StringComparison.Ordinal) || arg.StartsWith("-f=", StringComparison.Ordinal))
                    {
                        files.Add(arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                        break;
                    }

                    if (acceptsPartition && arg.StartsWith("--partition=", StringComparison.Ordinal))
                    {
                        partition = arg["--partition=".Length..];
                        break;
                    }

                    if (acceptsAt && arg.StartsWith("--at=", StringComparison.Ordinal))
                    {
                        if (ParseAt(arg["--at=".Length..]) is not { } instant)
                        {
                            return Fail($"{arg} is not an RFC 3339 time with an offset, e.g. --at=2026-11-24T19:30:00+09:00");
                        }

                        at = instant;
                        break;
                    }

                    return Fail($"unknown argument \"{arg}\"");
            }
        }

        return new CommandLine(files, partition, Help: false, null, at) { Recursive = recursive, Strict = strict };

        CommandLine Fail(string message) => new(files, partition, Help: false, message);
    }

    // The same RFC 3339 reading as the override annotation: an offset is required, never a local guess.
    private static DateTimeOffset? ParseAt(string text) =>
        Core.Scheduling.OffHoursOverride.TryParse("up-until=" + text, out var parsed, out _) && parsed is not null ? parsed.Until : null;
}
