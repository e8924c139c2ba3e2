using AutoMode.Core.Serialization;

namespace AutoMode.Operator.Cli;

/// <summary>
/// Turns -f arguments into WorkloadClass documents. A directory means its *.yaml/*.yml files sorted by name; with
/// -R also those of its subdirectories (depth first, sorted), without -R each subdirectory skipped is named in a
/// notice, so `-f config/samples` says that config/samples/invalid was left out. "-" means standard input.
/// A file or stdin with no document at all (empty, only comments) is an error: a truncated file or an empty pipe
/// must not pass a CI gate as "0 valid".
/// </summary>
public sealed class InputLoader(ICliFileSystem fileSystem, TextReader stdin)
{
    /// <param name="Documents">Every non-empty document read, in input order.</param>
    /// <param name="Errors">Inputs that could not be read, or held no document.</param>
    /// <param name="Notices">Things the user should know that are not errors (skipped subdirectories).</param>
    public sealed record Result(IReadOnlyList<WorkloadClassDocument> Documents, IReadOnlyList<string> Errors, IReadOnlyList<string> Notices);

    /// <param name="Texts">The text of every file (and of stdin), in input order, named by its source.</param>
    /// <param name="Errors">Inputs that could not be read.</param>
    /// <param name="Notices">Things the user should know that are not errors (skipped subdirectories).</param>
    public sealed record TextResult(IReadOnlyList<(string Source, string Text)> Texts, IReadOnlyList<string> Errors, IReadOnlyList<string> Notices);

    public Result Load(IReadOnlyList<string> targets, bool recursive = false)
    {
        var documents = new List<WorkloadClassDocument>();
        var errors = new List<string>();
        var notices = new List<string>();
        Visit(targets, recursive, (source, text) => Add(WorkloadClassDocuments.Parse(text, source), source, documents, errors), errors, notices);
        return new Result(documents, errors, notices);
    }

    /// <summary>The same inputs as <see cref="Load"/>, unparsed: for commands that read other kinds (import).</summary>
    public TextResult LoadTexts(IReadOnlyList<string> targets, bool recursive = false)
    {
        var texts = new List<(string, string)>();
        var errors = new List<string>();
        var notices = new List<string>();
        Visit(targets, recursive, (source, text) => texts.Add((source, text)), errors, notices);
        return new TextResult(texts, errors, notices);
    }

    private void Visit(IReadOnlyList<string> targets, bool recursive, Action<string, string> read, List<string> errors, List<string> notices)
    {
        ArgumentNullException.ThrowIfNull(targets);
        foreach (var target in targets)
        {
            if (target == "-")
            {
                read("<stdin>", stdin.ReadToEnd());
                continue;
            }

            if (fileSystem.DirectoryExists(target))
            {
                var files = new List<string>();
                Collect(target, recursive, files, notices);
                if (files.Count == 0)
                {
                    errors.Add($"{target}: no *.yaml or *.yml files in this directory{(recursive ? " or below" : "")}");
                }

                foreach (var file in files)
                {
                    ReadFile(file, read, errors);
                }

                continue;
            }

            if (!fileSystem.FileExists(target))
            {
                errors.Add($"{target}: no such file or directory");
                continue;
            }

            ReadFile(target, read, errors);
        }
    }

    private void Collect(string directory, bool recursive, List<string> files, List<string> notices)
    {
        files.AddRange(fileSystem.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal));
        foreach (var subdirectory in fileSystem.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            if (recursive)
            {
                Collect(subdirectory, recursive, files, notices);
            }
            else
            {
                notices.Add($"{subdirectory}: directory skipped (use -R to read subdirectories)");
            }
        }
    }

    private void ReadFile(string path, Action<string, string> read, List<string> errors)
    {
        string text;
        try
        {
            text = fileSystem.ReadAllText(path);
        }
        catch (UnauthorizedAccessException)
        {
            errors.Add($"{path}: cannot read the file: permission denied");
            return;
        }
        catch (IOException ex)
        {
            errors.Add($"{path}: cannot read the file: {ex.Message}");
            return;
        }

        read(path, text);
    }

    private static void Add(IReadOnlyList<WorkloadClassDocument> parsed, string source, List<WorkloadClassDocument> documents, List<string> errors)
    {
        if (parsed.Count == 0)
        {
            errors.Add($"{source}: no WorkloadClass found (the input is empty or only comments)");
            return;
        }

        documents.AddRange(parsed);
    }
}
