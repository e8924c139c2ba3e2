namespace AutoMode.Testing.Schemas;

/// <summary>One schema violation: the JSON path of the offending value (e.g. <c>spec.subnets[0].id</c>) and what is wrong.</summary>
public sealed record SchemaError(string Path, string Message)
{
    public override string ToString() => $"{(Path.Length == 0 ? "<root>" : Path)}: {Message}";
}
