using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Core.Validation;

namespace AutoMode.Core.Desired;

/// <summary>
/// Translates the plain-words instance selection into NodePool requirements on Auto Mode label keys, in a fixed
/// key order with sorted, de-duplicated values, so the same spec always renders the same list.
/// </summary>
internal static class RequirementsBuilder
{
    public static List<V1NodeSelectorRequirement> Build(InstanceSelection? instances)
    {
        var raw = instances?.Requirements ?? [];
        bool RawHas(params string[] keys) => raw.Any(r => r.Key is not null && keys.Contains(r.Key, StringComparer.Ordinal));

        var gpu = instances?.Gpu;
        var result = new List<V1NodeSelectorRequirement>();

        var architectures = NonEmpty(instances?.Architectures)
            ?? (RawHas(AutoModeLabels.Arch) ? null : AutoModeDefaults.Architectures);
        AddIn(result, AutoModeLabels.Arch, architectures);

        var capacityTypes = NonEmpty(instances?.CapacityTypes)
            ?? (RawHas(AutoModeLabels.CapacityType) ? null : AutoModeDefaults.CapacityTypes);
        AddIn(result, AutoModeLabels.CapacityType, capacityTypes);

        // The general-purpose default (c/m/r, generation > 4) only applies when the user said nothing about which
        // instances: any category, family, instance type or GPU wish would contradict it and could match nothing.
        var saysWhichInstances = NonEmpty(instances?.Categories) is not null
            || NonEmpty(instances?.Families) is not null
            || HasGpuWish(gpu)
            || RawHas(AutoModeLabels.InstanceCategory, AutoModeLabels.InstanceFamily, AutoModeLabels.InstanceType,
                AutoModeLabels.InstanceGpuName, AutoModeLabels.InstanceGpuManufacturer, AutoModeLabels.InstanceGpuCount,
                AutoModeLabels.InstanceGpuMemory);

        AddIn(result, AutoModeLabels.InstanceCategory,
            NonEmpty(instances?.Categories) ?? (saysWhichInstances ? null : AutoModeDefaults.InstanceCategories));
        AddIn(result, AutoModeLabels.InstanceFamily, NonEmpty(instances?.Families));
        AddValues(result, AutoModeLabels.InstanceFamily, "NotIn", NonEmpty(instances?.ExcludeFamilies));

        if (instances?.Generation is { } generation)
        {
            AddRange(result, AutoModeLabels.InstanceGeneration, generation);
        }
        else if (!saysWhichInstances && !RawHas(AutoModeLabels.InstanceGeneration))
        {
            AddRange(result, AutoModeLabels.InstanceGeneration, new IntRange { Min = AutoModeDefaults.InstanceGenerationAbove + 1 });
        }

        AddIn(result, AutoModeLabels.InstanceSize, NonEmpty(instances?.Sizes));
        AddRange(result, AutoModeLabels.InstanceCpu, instances?.Cpu);
        AddRange(result, AutoModeLabels.InstanceMemory, instances?.MemoryMiB);
        AddIn(result, AutoModeLabels.InstanceGpuName, NonEmpty(gpu?.Names));
        AddIn(result, AutoModeLabels.InstanceGpuManufacturer, NonEmpty(gpu?.Manufacturers));
        AddRange(result, AutoModeLabels.InstanceGpuCount, gpu?.Count);
        AddRange(result, AutoModeLabels.InstanceGpuMemory, gpu?.MemoryMiB);
        AddIn(result, AutoModeLabels.Zone, NonEmpty(instances?.Zones));

        foreach (var requirement in raw)
        {
            var values = NonEmpty(requirement.Values);
            result.Add(new V1NodeSelectorRequirement
            {
                Key = requirement.Key ?? "",
                Operator = requirement.Operator ?? "",
                Values = values is null ? null : SortedDistinct(values),
                MinValues = requirement.MinValues,
            });
        }

        return result;
    }

    private static bool HasGpuWish(GpuSelection? gpu) =>
        gpu is not null
        && (NonEmpty(gpu.Names) is not null || NonEmpty(gpu.Manufacturers) is not null
            || gpu.Count is not null || gpu.MemoryMiB is not null);

    private static IReadOnlyList<string>? NonEmpty(IList<string>? values) =>
        values is null || values.Count == 0 ? null : [.. values];

    private static List<string> SortedDistinct(IEnumerable<string> values) =>
        values.Where(v => v is not null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static void AddIn(List<V1NodeSelectorRequirement> result, string key, IReadOnlyList<string>? values) =>
        AddValues(result, key, "In", values);

    private static void AddValues(List<V1NodeSelectorRequirement> result, string key, string op, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        result.Add(new V1NodeSelectorRequirement { Key = key, Operator = op, Values = SortedDistinct(values) });
    }

    /// <summary>
    /// Auto Mode has no Gte/Lte, so an inclusive range becomes Gt (min-1) and Lt (max+1). Bounds that exclude nothing
    /// (min at or below 0 for labels that are never negative; max at the top of long) are left out rather than
    /// rendered as a value the schema would refuse.
    /// </summary>
    private static void AddRange(List<V1NodeSelectorRequirement> result, string key, IntRange? range)
    {
        if (range?.Min is { } min && min > 0)
        {
            result.Add(new V1NodeSelectorRequirement
            {
                Key = key,
                Operator = "Gt",
                Values = [(min - 1).ToString(CultureInfo.InvariantCulture)],
            });
        }

        if (range?.Max is { } max && max >= 0 && max < long.MaxValue)
        {
            result.Add(new V1NodeSelectorRequirement
            {
                Key = key,
                Operator = "Lt",
                Values = [(max + 1).ToString(CultureInfo.InvariantCulture)],
            });
        }
    }
}
