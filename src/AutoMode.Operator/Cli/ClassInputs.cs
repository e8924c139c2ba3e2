using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Validation;
using AutoMode.Core.Validation.Warnings;

namespace AutoMode.Operator.Cli;

/// <summary>
/// Loads and validates the WorkloadClasses named by -f: shared by render and validate. Every error of every document
/// in one pass: structural errors (unknown fields, wrong types) and the rule checks on the rest of the class together.
/// Every line is `&lt;source&gt;: &lt;class name&gt;: &lt;path&gt;: &lt;message&gt;` (document &lt;n&gt; when the name cannot be read).
/// </summary>
internal static class ClassInputs
{
    /// <param name="Classes">The classes without errors, in input order (render renders these).</param>
    /// <param name="Errors">Error lines, in input order.</param>
    /// <param name="Warnings">Contradictions that do not fail validation, as `... : warning: ...` lines.</param>
    /// <param name="Notices">Not about any class (skipped subdirectories).</param>
    public sealed record Loaded(
        IReadOnlyList<(string Source, V1Alpha1WorkloadClass WorkloadClass)> Classes,
        IReadOnlyList<string> Errors,
        IReadOnlyList<string> Warnings,
        IReadOnlyList<string> Notices);

    public static Loaded Load(CommandLine commandLine, ICliFileSystem fileSystem, TextReader stdin)
    {
        var input = new InputLoader(fileSystem, stdin).Load(commandLine.Files, commandLine.Recursive);
        var errors = new List<string>(input.Errors);
        var warnings = new List<string>();
        var classes = new List<(string, V1Alpha1WorkloadClass)>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in input.Documents)
        {
            if (!document.ClaimsWorkloadClass || document.Partial is not { } workloadClass)
            {
                errors.AddRange(document.ErrorLines());
                continue;
            }

            var label = document.Label;
            var problems = WorkloadClassValidator.Validate(workloadClass)
                .Where(p => !document.ErrorPaths.Any(structural => Related(p.Path, structural)))
                .ToList();
            errors.AddRange(document.ErrorLines());
            errors.AddRange(problems.Select(p => $"{document.Source}: {label}: {p.Path}: {p.Message}"));
            warnings.AddRange(ContradictionWarnings.For(workloadClass).Select(w => $"{document.Source}: {label}: warning: {w.Path}: {w.Message}"));
            if (!string.IsNullOrEmpty(document.Name))
            {
                if (seen.TryGetValue(document.Name, out var first))
                {
                    errors.Add($"{document.Source}: {label}: metadata.name: \"{document.Name}\" is already defined in {first}; WorkloadClasses are cluster-scoped, so names must be unique");
                }
                else
                {
                    seen[document.Name] = document.Source;
                }
            }

            if (document.IsWorkloadClass && problems.Count == 0)
            {
                classes.Add((document.Source, workloadClass));
            }
        }

        return new Loaded(classes, errors, warnings, input.Notices);
    }

    /// <summary>
    /// A rule error at, under or above a field with a structural error follows from it (the bad value was left out,
    /// so the rules see it as missing): reporting both would say the same thing twice, the second time wrongly.
    /// </summary>
    private static bool Related(string rulePath, string structuralPath) =>
        rulePath == structuralPath || IsUnder(rulePath, structuralPath) || (rulePath.Length > 0 && IsUnder(structuralPath, rulePath));

    private static bool IsUnder(string path, string ancestor) =>
        ancestor.Length == 0 || (path.StartsWith(ancestor, StringComparison.Ordinal) && path.Length > ancestor.Length && path[ancestor.Length] is '.' or '[');
}
