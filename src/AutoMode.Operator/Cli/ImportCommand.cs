using System.Globalization;
using AutoMode.Core.Import;
using AutoMode.Core.Serialization;

namespace AutoMode.Operator.Cli;

/// <summary>
/// `import -f ...`: NodeClass + NodePool YAML -> one WorkloadClass per NodePool, with a comment header saying what
/// the classes cannot reproduce (lossy) and what they change on purpose. Lossy input prints the notes to stderr and
/// nothing on stdout (exit 1), so `import | kubectl apply -f -` never applies a class that would change running
/// pools unnoticed; --allow-lossy prints the classes anyway, the lossy notes in their header.
/// </summary>
public static class ImportCommand
{
    public const string FromCluster = "--from-cluster";

    private const string AllowLossy = "--allow-lossy";

    public static int Run(IReadOnlyList<string> args, CliConsole console, ICliFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var allowLossy = args.Contains(AllowLossy, StringComparer.Ordinal);
        var commandLine = CommandLine.Parse([.. args.Where(a => a != AllowLossy)], acceptsPartition: false);
        if (commandLine.Help)
        {
            console.Out.WriteLine(CliUsage.Import);
            return ExitCodes.Success;
        }

        if (commandLine.Error is not null || commandLine.Files.Count == 0)
        {
            return CliUsage.Fail(console, "import", commandLine.Error ?? "-f is required");
        }

        var loaded = new InputLoader(fileSystem, console.In).LoadTexts(commandLine.Files, commandLine.Recursive);
        foreach (var notice in loaded.Notices)
        {
            console.Error.WriteLine(notice);
        }

        var errors = new List<string>(loaded.Errors);
        var inputs = Parse(loaded.Texts, errors);
        return Report(errors.Count == 0 ? WorkloadClassImporter.Import(inputs) : null, errors, commandLine.Files, allowLossy, console);
    }

    /// <summary>
    /// `import --from-cluster [--allow-lossy]`: the same output for the cluster's NodeClasses and NodePools. Async, so
    /// Program calls it directly rather than through the synchronous <see cref="CliApp"/>.
    /// </summary>
    public static async Task<int> RunFromClusterAsync(IReadOnlyList<string> args, CliConsole console, Func<k8s.IKubernetes> connect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(connect);
        var rest = args.Where(a => a is not (AllowLossy or FromCluster)).ToList();
        if (rest.Count > 0)
        {
            return CliUsage.Fail(console, "import", $"{FromCluster} reads the cluster in KUBECONFIG and takes no other argument than {AllowLossy} (got \"{rest[0]}\")");
        }

        IReadOnlyList<ImportInput> inputs;
        try
        {
            using var client = connect();
            inputs = await ClusterImportReader.ReadAsync(client, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or k8s.Autorest.HttpOperationException or k8s.Exceptions.KubeConfigException)
        {
            console.Error.WriteLine($"import: cannot read NodeClasses and NodePools from the cluster: {ex.Message}");
            return ExitCodes.Failure;
        }

        return Report(WorkloadClassImporter.Import(inputs), [], [ClusterImportReader.Source], args.Contains(AllowLossy, StringComparer.Ordinal), console);
    }

    private static int Report(ImportResult? result, List<string> errors, IReadOnlyList<string> sources, bool allowLossy, CliConsole console)
    {
        errors.AddRange(result?.Errors ?? []);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                console.Error.WriteLine(error);
            }

            console.Error.WriteLine($"import: {errors.Count} error(s); nothing imported");
            return ExitCodes.Failure;
        }

        var lossy = result!.Notes.Where(n => n.Lossy).ToList();
        if (lossy.Count > 0 && !allowLossy)
        {
            foreach (var note in lossy)
            {
                console.Error.WriteLine(note);
            }

            console.Error.WriteLine($"import: {lossy.Count} lossy note(s): the classes would not render the input exactly; nothing printed (use {AllowLossy} to print them anyway)");
            return ExitCodes.Failure;
        }

        console.Out.Write(Header(result, sources));
        console.Out.Write(ManifestYaml.JoinDocuments(result.Classes.Select(c => ManifestYaml.Serialize(c))));
        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: {result.Classes.Count} WorkloadClass(es){(lossy.Count > 0 ? $", {lossy.Count} lossy note(s) ({AllowLossy})" : "")}"));
        return ExitCodes.Success;
    }

    private static List<ImportInput> Parse(IReadOnlyList<(string Source, string Text)> texts, List<string> errors)
    {
        var inputs = new List<ImportInput>();
        foreach (var (source, text) in texts)
        {
            var documents = YamlJsonReader.ReadDocuments(text);
            if (documents.All(d => d.Node is null && d.Error is null))
            {
                errors.Add($"{source}: no NodeClass or NodePool found (the input is empty or only comments)");
                continue;
            }

            for (var i = 0; i < documents.Count; i++)
            {
                if (documents[i].Error is { } error)
                {
                    errors.Add($"{source}: document {i + 1}: {error}");
                }
                else
                {
                    inputs.Add(new ImportInput(source, documents[i].Node));
                }
            }
        }

        return inputs;
    }

    /// <summary>Comment lines before the first class: what was read, what is lossy, what changes on purpose.</summary>
    private static string Header(ImportResult result, IReadOnlyList<string> files)
    {
        var lines = new List<string>
        {
            $"# Imported by automode-operator import from {string.Join(", ", files.Select(f => f == "-" ? "<stdin>" : f))}: {result.Classes.Count} WorkloadClass(es), one per NodePool.",
        };
        var lossy = result.Notes.Where(n => n.Lossy).ToList();
        if (lossy.Count > 0)
        {
            lines.Add("# LOSSY: these classes do not render the input exactly; applying them changes these fields:");
            lines.AddRange(lossy.Select(n => $"#   {n}"));
        }

        var deliberate = result.Notes.Where(n => !n.Lossy).ToList();
        if (deliberate.Count > 0)
        {
            lines.Add("# Notes:");
            lines.AddRange(deliberate.Select(n => $"#   {n}"));
        }

        return string.Concat(lines.Select(l => l.ReplaceLineEndings(" ") + "\n"));
    }
}
