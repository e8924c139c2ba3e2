using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Import;

/// <summary>One WorkloadClass per imported NodePool, the notes about what changes, and the errors that stop the import.</summary>
public sealed record ImportResult(IReadOnlyList<V1Alpha1WorkloadClass> Classes, IReadOnlyList<ImportNote> Notes, IReadOnlyList<string> Errors)
{
    public bool IsLossy => Notes.Any(n => n.Lossy);
}
