namespace AutoMode.Testing.Schemas;

/// <summary>One schema violation: the JSON path of the offending value (e.g. <c>spec.subnets[0].id</c>) and what is wrong.</summary>
public sealed record SchemaError(string Path, string Message)
{
    /// <summary>The JSON Schema keyword that failed (<c>required</c>, <c>type</c>, <c>enum</c>, ...), when known.</summary>
    public string Keyword { get; init; } = "";

    /// <summary>The offending value's location as JSON pointer tokens (object keys and list indexes).</summary>
    public IReadOnlyList<string> InstancePointer { get; init; } = [];

    public override string ToString() => $"{(Path.Length == 0 ? "<root>" : Path)}: {Message}";
}
