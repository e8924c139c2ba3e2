using System.Globalization;
using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Validation.Warnings;

/// <summary>
/// Warnings, not errors: a class that the API server accepts and the operator renders, but that contradicts itself so
/// that (part of) it can never take effect: a family it also excludes or whose architecture, category or generation it
/// rules out, a limit of zero, a namespace on a cluster-scoped object. Never throws, whatever the input.
/// </summary>
public static partial class ContradictionWarnings
{
    private const string Never = "the NodePool can never launch a node";

    /// <summary>Every warning, in field order; empty when the class is consistent.</summary>
    public static IReadOnlyList<ValidationError> For(V1Alpha1WorkloadClass? workloadClass)
    {
        var warnings = new List<ValidationError>();
        if (workloadClass is null)
        {
            return warnings;
        }

        if (workloadClass.Metadata?.NamespaceProperty is { Length: > 0 } ns)
        {
            // The API server clears the namespace of a cluster-scoped object instead of refusing it:
            // kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/registry/rest/meta.go,
            // EnsureObjectNamespaceMatchesRequestNamespace ("cluster-scoped, clear namespace").
            warnings.Add(new("metadata.namespace", $"\"{Short(ns)}\" is ignored: {WorkloadClassApi.Kind} is cluster-scoped and the API server drops the namespace; remove it"));
        }

        if (workloadClass.Spec?.Instances is { } instances)
        {
            Families(instances, warnings);
        }

        foreach (var (resource, value) in (workloadClass.Spec?.Limits ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (resource is "cpu" or "memory" && value is not null && ZeroQuantity().IsMatch(value))
            {
                warnings.Add(new($"spec.limits[\"{resource}\"]", $"{resource} \"{Short(value)}\": {Never}; to hold capacity at zero on a schedule use offHours"));
            }
        }

        warnings.AddRange(ComputeSurfaceWarnings.For(workloadClass.Spec));
        ReplacementWarnings.Add(workloadClass.Spec, warnings);
        return warnings;
    }

    private static void Families(InstanceSelection instances, List<ValidationError> warnings)
    {
        var families = instances.Families?.Where(f => f is not null).ToList() ?? [];
        if (families.Count == 0)
        {
            return;
        }

        var unusable = families.Select((family, index) => (Family: family, Index: instances.Families!.IndexOf(family), Reasons: Reasons(family, instances)))
            .Where(f => f.Reasons.Count > 0)
            .ToList();
        if (unusable.Count == 0)
        {
            return;
        }

        if (unusable.Count == families.Count)
        {
            var each = string.Join("; ", unusable.Take(5).Select(f => $"\"{Short(f.Family)}\" {string.Join(" and ", f.Reasons)}"));
            warnings.Add(new("spec.instances.families", $"no family can be used ({each}{(unusable.Count > 5 ? "; ..." : "")}): {Never}"));
            return;
        }

        foreach (var (family, index, reasons) in unusable)
        {
            warnings.Add(new($"spec.instances.families[{index.ToString(CultureInfo.InvariantCulture)}]", $"\"{Short(family)}\" can never be used: it {string.Join(" and ", reasons)}; remove it or widen the other fields"));
        }
    }

    /// <summary>Why the other instance fields rule this family out; empty when they do not (or it is not a name we can read).</summary>
    private static List<string> Reasons(string family, InstanceSelection instances)
    {
        var reasons = new List<string>();
        if (instances.ExcludeFamilies?.Contains(family) == true)
        {
            reasons.Add("is also in excludeFamilies");
        }

        var match = FamilyName().Match(family);
        if (!match.Success)
        {
            return reasons;
        }

        var category = match.Groups["category"].Value;
        if (instances.Categories is { Count: > 0 } categories && !categories.Contains(category))
        {
            reasons.Add($"is of category \"{category}\", which categories does not list");
        }

        if (long.TryParse(match.Groups["generation"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var generation) && instances.Generation is { } range
            && (generation < range.Min || generation > range.Max))
        {
            reasons.Add($"is generation {generation.ToString(CultureInfo.InvariantCulture)}, outside generation {range.Min?.ToString(CultureInfo.InvariantCulture) ?? "..."}-{range.Max?.ToString(CultureInfo.InvariantCulture) ?? "..."}");
        }

        if (Architecture(family, match) is { } architecture && instances.Architectures is { Count: > 0 } architectures && !architectures.Contains(architecture))
        {
            reasons.Add($"is {architecture}{(architecture == "arm64" ? " (Graviton)" : "")} but architectures allows only {string.Join(", ", architectures)}");
        }

        return reasons;
    }

    /// <summary>
    /// EC2's naming: Graviton (arm64) families carry a 'g' among the attribute letters after the generation (m7g,
    /// c7gn, r8gd, im4gn, is4gen, g5g), plus the first-generation a1; the rest that Auto Mode offers are amd64.
    /// Mac families are left alone: their suffix names the chip, and Auto Mode does not launch them.
    /// </summary>
    private static string? Architecture(string family, Match match)
    {
        if (family.StartsWith("mac", StringComparison.Ordinal))
        {
            return null;
        }

        var attributes = match.Groups["attributes"].Value;
        return family == "a1" || attributes.Contains('g', StringComparison.Ordinal) ? "arm64" : "amd64";
    }

    private static string Short(string value) => value.Length > 64 ? value[..61] + "..." : value;

    [GeneratedRegex(@"^(?<category>[a-z]+)(?<generation>[0-9]{1,3})(?<attributes>[a-z]*)(-[a-z0-9-]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex FamilyName();

    [GeneratedRegex(@"^(0+(\.0*)?|\.0+)([KMGTPE]i|[numkMGTPE]|[eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex ZeroQuantity();
}
