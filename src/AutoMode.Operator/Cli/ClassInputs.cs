using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Validation;

namespace AutoMode.Operator.Cli;

/// <summary>Loads and validates the WorkloadClasses named by -f: shared by render and validate.</summary>
internal static class ClassInputs
{
    public sealed record Loaded(IReadOnlyList<(string Source, V1Alpha1WorkloadClass WorkloadClass)> Classes, IReadOnlyList<string> Errors);

    public static Loaded Load(CommandLine commandLine, ICliFileSystem fileSystem, TextReader stdin)
    {
        var input = new InputLoader(fileSystem, stdin).Load(commandLine.Files);
        var errors = new List<string>(input.Errors);
        var classes = new List<(string, V1Alpha1WorkloadClass)>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in input.Documents)
        {
            if (!document.IsWorkloadClass)
            {
                errors.AddRange(document.ErrorLines());
                continue;
            }

            var workloadClass = document.WorkloadClass!;
            var name = string.IsNullOrEmpty(workloadClass.Metadata?.Name) ? "<unnamed>" : workloadClass.Metadata.Name;
            var problems = WorkloadClassValidator.Validate(workloadClass);
            errors.AddRange(problems.Select(p => $"{document.Source}: {name}: {p.Path}: {p.Message}"));
            if (seen.TryGetValue(name, out var first))
            {
                errors.Add($"{document.Source}: {name}: metadata.name: \"{name}\" is already defined in {first}; WorkloadClasses are cluster-scoped, so names must be unique");
            }
            else
            {
                seen[name] = document.Source;
            }

            if (problems.Count == 0)
            {
                classes.Add((document.Source, workloadClass));
            }
        }

        return new Loaded(classes, errors);
    }
}
