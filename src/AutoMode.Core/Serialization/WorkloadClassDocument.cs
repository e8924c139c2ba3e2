using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Serialization;

/// <summary>
/// One document of a YAML stream: the WorkloadClass it holds, or why it is not one.
/// Position is 1-based, as people count documents in a file.
/// </summary>
public sealed record WorkloadClassDocument(string Source, int Position, V1Alpha1WorkloadClass? WorkloadClass, IReadOnlyList<string> Errors)
{
    public bool IsWorkloadClass => WorkloadClass is not null && Errors.Count == 0;

    /// <summary>
    /// The document says it is a WorkloadClass (its kind, perhaps with a wrong apiVersion): its errors are about its
    /// fields, and <see cref="Partial"/> can be checked against the rules too.
    /// </summary>
    public bool ClaimsWorkloadClass { get; init; }

    /// <summary>metadata.name when it can be read, even from a document with errors.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// The class read with every value of the wrong type left out, so the rule checks can run on the rest in the same
    /// pass; null when the document is not a WorkloadClass at all. Equal to <see cref="WorkloadClass"/> when it has no errors.
    /// </summary>
    public V1Alpha1WorkloadClass? Partial { get; init; }

    /// <summary>Field paths of the structural errors: a rule error at, above or under one is a consequence, not news.</summary>
    public IReadOnlyList<string> ErrorPaths { get; init; } = [];

    /// <summary>
    /// Each error as one line: "&lt;source&gt;: &lt;name&gt;: &lt;problem&gt;" for a WorkloadClass whose name can be
    /// read, "&lt;source&gt;: document &lt;n&gt;: &lt;problem&gt;" otherwise.
    /// </summary>
    public IEnumerable<string> ErrorLines() => Errors.Select(e => $"{Source}: {Label}: {e}");

    /// <summary>The class name if it can be read, else "document n".</summary>
    public string Label => ClaimsWorkloadClass && !string.IsNullOrEmpty(Name) ? Name : $"document {Position}";
}
