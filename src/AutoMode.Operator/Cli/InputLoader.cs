using AutoMode.Core.Serialization;

namespace AutoMode.Operator.Cli;

/// <summary>
/// Turns -f arguments into WorkloadClass documents. A directory means its *.yaml/*.yml files, sorted by name and not
/// recursive (so `-f config/samples` leaves config/samples/invalid alone); "-" means standard input.
/// </summary>
public sealed class InputLoader(ICliFileSystem fileSystem, TextReader stdin)
{
    public sealed record Result(IReadOnlyList<WorkloadClassDocument> Documents, IReadOnlyList<string> Errors);

    public Result Load(IReadOnlyList<string> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var documents = new List<WorkloadClassDocument>();
        var errors = new List<string>();
        foreach (var target in targets)
        {
            if (target == "-")
            {
                documents.AddRange(WorkloadClassDocuments.Parse(stdin.ReadToEnd(), "<stdin>"));
                continue;
            }

            if (fileSystem.DirectoryExists(target))
            {
                var files = fileSystem.EnumerateFiles(target)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    errors.Add($"{target}: no *.yaml or *.yml files in this directory");
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

        return new Result(documents, errors);
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

        documents.AddRange(WorkloadClassDocuments.Parse(text, path));
    }
}
