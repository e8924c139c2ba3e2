using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>
/// Instance selection in plain words. Each field becomes one NodePool requirement on an Auto Mode label;
/// all of them must hold. Ranges are inclusive and rendered as Gt/Lt (Auto Mode has no Gte/Lte).
/// </summary>
public sealed class InstanceSelection
{
    /// <summary>kubernetes.io/arch: amd64 and/or arm64.</summary>
    [JsonPropertyName("architectures")]
    public IList<string>? Architectures { get; set; }

    /// <summary>karpenter.sh/capacity-type: spot, on-demand and/or reserved.</summary>
    [JsonPropertyName("capacityTypes")]
    public IList<string>? CapacityTypes { get; set; }

    /// <summary>eks.amazonaws.com/instance-category, e.g. c, m, r, g, p.</summary>
    [JsonPropertyName("categories")]
    public IList<string>? Categories { get; set; }

    /// <summary>eks.amazonaws.com/instance-family, e.g. m7g, c7i.</summary>
    [JsonPropertyName("families")]
    public IList<string>? Families { get; set; }

    /// <summary>eks.amazonaws.com/instance-family NotIn these.</summary>
    [JsonPropertyName("excludeFamilies")]
    public IList<string>? ExcludeFamilies { get; set; }

    /// <summary>eks.amazonaws.com/instance-size, e.g. large, xlarge.</summary>
    [JsonPropertyName("sizes")]
    public IList<string>? Sizes { get; set; }

    /// <summary>eks.amazonaws.com/instance-generation range.</summary>
    [JsonPropertyName("generation")]
    public IntRange? Generation { get; set; }

    /// <summary>eks.amazonaws.com/instance-cpu (vCPUs) range.</summary>
    [JsonPropertyName("cpu")]
    public IntRange? Cpu { get; set; }

    /// <summary>eks.amazonaws.com/instance-memory (MiB) range.</summary>
    [JsonPropertyName("memoryMiB")]
    public IntRange? MemoryMiB { get; set; }

    [JsonPropertyName("gpu")]
    public GpuSelection? Gpu { get; set; }

    /// <summary>topology.kubernetes.io/zone, e.g. us-east-1a.</summary>
    [JsonPropertyName("zones")]
    public IList<string>? Zones { get; set; }

    /// <summary>Escape hatch: raw NodePool requirements, checked against the Auto Mode label allow-list.</summary>
    [JsonPropertyName("requirements")]
    public IList<RequirementSpec>? Requirements { get; set; }
}
