using System.Text.Json.Serialization;

namespace AutoMode.Core.Api.V1Alpha1;

/// <summary>GPU selection: eks.amazonaws.com/instance-gpu-* labels.</summary>
public sealed class GpuSelection
{
    /// <summary>eks.amazonaws.com/instance-gpu-name, e.g. t4, a10g, l4, h100.</summary>
    [JsonPropertyName("names")]
    public IList<string>? Names { get; set; }

    /// <summary>eks.amazonaws.com/instance-gpu-manufacturer, e.g. nvidia.</summary>
    [JsonPropertyName("manufacturers")]
    public IList<string>? Manufacturers { get; set; }

    /// <summary>eks.amazonaws.com/instance-gpu-count range.</summary>
    [JsonPropertyName("count")]
    public IntRange? Count { get; set; }

    /// <summary>eks.amazonaws.com/instance-gpu-memory (MiB) range.</summary>
    [JsonPropertyName("memoryMiB")]
    public IntRange? MemoryMiB { get; set; }
}
