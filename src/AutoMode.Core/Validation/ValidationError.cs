namespace AutoMode.Core.Validation;

/// <summary>One problem with a WorkloadClass: the field path (e.g. spec.lifecycle.expireAfter), the bad value, and how to fix it.</summary>
public sealed record ValidationError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
