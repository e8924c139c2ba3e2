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

    public Result Load(IReadOnlyList<string> targets, bool recursive = false)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var documents = new List<WorkloadClassDocument>();
        var errors = new List<string>();
        var notices = new List<string>();
        foreach (var target in targets)
        {
            if (target == "-")
            {
                Add(WorkloadClassDocuments.Parse(stdin.ReadToEnd(), "<stdin>"), "<stdin>", documents, errors);
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
                    ReadFile(file, documents, errors);
                }

                continue;
            }

            if (!fileSystem.FileExists(target))
            {
                errors.Add($"{target}: no such file or directory");
                continue;
            }

            ReadFile(target, documents, errors);
        }

        return new Result(documents, errors, notices);
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

    private void ReadFile(string path, List<WorkloadClassDocument> documents, List<string> errors)
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

        Add(WorkloadClassDocuments.Parse(text, path), path, documents, errors);
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
