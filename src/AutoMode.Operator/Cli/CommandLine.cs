namespace AutoMode.Operator.Cli;

/// <summary>The options the commands share, parsed by hand: the command line is tiny and must work under NativeAOT.</summary>
public sealed record CommandLine(IReadOnlyList<string> Files, string Partition, bool Help, string? Error)
{
    public static CommandLine Parse(IReadOnlyList<string> args, bool acceptsPartition)
    {
        ArgumentNullException.ThrowIfNull(args);
        var files = new List<string>();
        var partition = "aws";
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    return new CommandLine(files, partition, Help: true, null);
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

                    return Fail($"unknown argument \"{arg}\"");
            }
        }

        return new CommandLine(files, partition, Help: false, null);

        CommandLine Fail(string message) => new(files, partition, Help: false, message);
    }
}
