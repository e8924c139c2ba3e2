using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Serialization;

/// <summary>
/// One document of a YAML stream: the WorkloadClass it holds, or why it is not one.
/// Position is 1-based, as people count documents in a file.
/// </summary>
public sealed record WorkloadClassDocument(string Source, int Position, V1Alpha1WorkloadClass? WorkloadClass, IReadOnlyList<string> Errors)
{
    public bool IsWorkloadClass => WorkloadClass is not null && Errors.Count == 0;

    /// <summary>Each error as one line: "&lt;source&gt;: document &lt;n&gt;: &lt;problem&gt;".</summary>
    public IEnumerable<string> ErrorLines() => Errors.Select(e => $"{Source}: document {Position}: {e}");
}
