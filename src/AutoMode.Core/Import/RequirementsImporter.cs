using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Core.Validation;

namespace AutoMode.Core.Import;

/// <summary>
/// NodePool requirements -> plain words where RequirementsBuilder would render exactly the same requirement back
/// (one In list per key, a Gt/Lt pair of whole numbers for ranges, no minValues), raw requirements otherwise.
/// </summary>
internal static class RequirementsImporter
{
    private static readonly Dictionary<string, Action<InstanceSelection, List<string>>> InKeys = new(StringComparer.Ordinal)
    {
        [AutoModeLabels.Arch] = (i, v) => i.Architectures = v,
        [AutoModeLabels.CapacityType] = (i, v) => i.CapacityTypes = v,
        [AutoModeLabels.InstanceCategory] = (i, v) => i.Categories = v,
        [AutoModeLabels.InstanceFamily] = (i, v) => i.Families = v,
        [AutoModeLabels.InstanceSize] = (i, v) => i.Sizes = v,
        [AutoModeLabels.InstanceGpuName] = (i, v) => Gpu(i).Names = v,
        [AutoModeLabels.InstanceGpuManufacturer] = (i, v) => Gpu(i).Manufacturers = v,
        [AutoModeLabels.Zone] = (i, v) => i.Zones = v,
    };

    private static readonly Dictionary<string, Action<InstanceSelection, IntRange>> RangeKeys = new(StringComparer.Ordinal)
    {
        [AutoModeLabels.InstanceGeneration] = (i, r) => i.Generation = r,
        [AutoModeLabels.InstanceCpu] = (i, r) => i.Cpu = r,
        [AutoModeLabels.InstanceMemory] = (i, r) => i.MemoryMiB = r,
        [AutoModeLabels.InstanceGpuCount] = (i, r) => Gpu(i).Count = r,
        [AutoModeLabels.InstanceGpuMemory] = (i, r) => Gpu(i).MemoryMiB = r,
    };

    public static InstanceSelection? Import(IList<V1NodeSelectorRequirement>? requirements)
    {
        var all = requirements?.Where(r => r is not null).ToList() ?? [];
        var selection = new InstanceSelection();
        var plain = new HashSet<V1NodeSelectorRequirement>(ReferenceEqualityComparer.Instance);
        foreach (var group in all.GroupBy(r => r.Key, StringComparer.Ordinal))
        {
            var ofKey = group.ToList();
            if (InKeys.TryGetValue(group.Key, out var setIn) && Single(ofKey, "In") is { } included)
            {
                setIn(selection, Sorted(included.Values!));
                plain.Add(included);
            }

            if (group.Key == AutoModeLabels.InstanceFamily && Single(ofKey, "NotIn") is { } excluded)
            {
                selection.ExcludeFamilies = Sorted(excluded.Values!);
                plain.Add(excluded);
            }

            if (RangeKeys.TryGetValue(group.Key, out var setRange) && Range(ofKey) is { } range)
            {
                setRange(selection, range.Range);
                plain.UnionWith(range.Used);
            }
        }

        var raw = all.Where(r => !plain.Contains(r))
            .Select(r => new RequirementSpec { Key = r.Key, Operator = r.Operator, Values = r.Values?.ToList(), MinValues = r.MinValues })
            .ToList();
        selection.Requirements = raw.Count > 0 ? raw : null;
        return all.Count == 0 ? null : selection;
    }

    /// <summary>The only requirement of this operator on the key, if it has values and no minValues.</summary>
    private static V1NodeSelectorRequirement? Single(List<V1NodeSelectorRequirement> ofKey, string op)
    {
        var matching = ofKey.Where(r => r.Operator == op).ToList();
        return matching is [{ Values.Count: > 0, MinValues: null } only] && only.Values.All(v => v is not null) ? only : null;
    }

    /// <summary>Only Gt/Lt on the key, at most one of each, whole numbers the builder renders back unchanged.</summary>
    private static (IntRange Range, List<V1NodeSelectorRequirement> Used)? Range(List<V1NodeSelectorRequirement> ofKey)
    {
        if (ofKey.Any(r => r.Operator is not ("Gt" or "Lt") || r.MinValues is not null)
            || ofKey.Count(r => r.Operator == "Gt") > 1 || ofKey.Count(r => r.Operator == "Lt") > 1)
        {
            return null;
        }

        var range = new IntRange();
        foreach (var requirement in ofKey)
        {
            if (requirement.Values is not [{ } text] || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                || value.ToString(CultureInfo.InvariantCulture) != text)
            {
                return null;
            }

            // Gt v is min v+1 (rendered only when min > 0); Lt v is max v-1 (rendered only when max >= 0).
            if (requirement.Operator == "Gt" && value < long.MaxValue)
            {
                range.Min = value + 1;
            }
            else if (requirement.Operator == "Lt" && value >= 1)
            {
                range.Max = value - 1;
            }
            else
            {
                return null;
            }
        }

        return (range, ofKey);
    }

    /// <summary>As the builder renders them: sorted, each once.</summary>
    private static List<string> Sorted(IEnumerable<string> values) => [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static GpuSelection Gpu(InstanceSelection selection) => selection.Gpu ??= new GpuSelection();
}
