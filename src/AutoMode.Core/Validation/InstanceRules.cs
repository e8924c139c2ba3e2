using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;
using static AutoMode.Core.Validation.ValidationPaths;

namespace AutoMode.Core.Validation;

/// <summary>spec.instances: the instance-type shortcuts, numeric ranges, GPUs, zones and raw requirements.</summary>
internal static partial class InstanceRules
{
    public static void Check(ValidationRun run, InstanceSelection? instances)
    {
        if (instances is null)
        {
            return;
        }

        const string p = "spec.instances";
        run.Strings($"{p}.architectures", instances.Architectures, 2, unique: true, (at, v) => run.Enum(at, v, "amd64", "arm64"));
        run.Strings($"{p}.capacityTypes", instances.CapacityTypes, 3, unique: true, (at, v) => run.Enum(at, v, "spot", "on-demand", "reserved"));
        run.Strings($"{p}.categories", instances.Categories, 32, unique: true, (at, v) => run.Pattern(at, v, 16, Category(), "a lowercase category letter such as c, m, r, g or p"));
        run.Strings($"{p}.families", instances.Families, 100, unique: true, (at, v) => run.Pattern(at, v, 32, LowerName(), "a lowercase family such as m7g or c7i"));
        run.Strings($"{p}.excludeFamilies", instances.ExcludeFamilies, 100, unique: true, (at, v) => run.Pattern(at, v, 32, LowerName(), "a lowercase family such as t3"));
        run.Strings($"{p}.sizes", instances.Sizes, 50, unique: true, (at, v) => run.Pattern(at, v, 32, LowerName(), "a lowercase size such as large or 2xlarge"));
        IntRange(run, $"{p}.generation", instances.Generation);
        IntRange(run, $"{p}.cpu", instances.Cpu);
        IntRange(run, $"{p}.memoryMiB", instances.MemoryMiB);
        if (instances.Gpu is { } gpu)
        {
            run.Strings($"{p}.gpu.names", gpu.Names, 32, unique: true, (at, v) => run.Pattern(at, v, 63, LowerName(), "a lowercase GPU name such as t4, a10g or h100"));
            run.Strings($"{p}.gpu.manufacturers", gpu.Manufacturers, 8, unique: true, (at, v) => run.Pattern(at, v, 63, LowerName(), "a lowercase manufacturer such as nvidia"));
            IntRange(run, $"{p}.gpu.count", gpu.Count);
            IntRange(run, $"{p}.gpu.memoryMiB", gpu.MemoryMiB);
        }

        run.Strings($"{p}.zones", instances.Zones, 64, unique: true, (at, v) => run.Pattern(at, v, 63, LowerName(), "a zone name such as us-east-1a"));
        if (!run.List($"{p}.requirements", instances.Requirements, 50, required: false, ""))
        {
            return;
        }

        for (var i = 0; i < instances.Requirements!.Count; i++)
        {
            RequirementRules.Check(run, Index($"{p}.requirements", i), instances.Requirements[i]);
        }
    }

    private static void IntRange(ValidationRun run, string path, IntRange? range)
    {
        if (range is null)
        {
            return;
        }

        if (range.Min is null && range.Max is null)
        {
            run.Add(path, "is empty; give min and/or max, or remove it");
            return;
        }

        run.Range(Field(path, "min"), range.Min, 1, 1_000_000_000, "as the lower bound (omit min for no lower bound)");
        run.Range(Field(path, "max"), range.Max, 0, 1_000_000_000, "as the upper bound");
        if (range.Min > range.Max)
        {
            run.Add(Field(path, "min"), $"min {range.Min} is greater than max {range.Max}; swap them");
        }
    }

    [GeneratedRegex(@"^[a-z]+\z")]
    private static partial Regex Category();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*\z")]
    private static partial Regex LowerName();
}
