namespace AutoMode.Core.Iam;

/// <summary>A read-only view of one normalised statement: lists sorted, single strings turned into one-element lists.</summary>
public sealed record PolicyStatement
{
    public string? Sid { get; init; }

    public string? Effect { get; init; }

    public IReadOnlyList<string> Actions { get; init; } = [];

    public IReadOnlyList<string> NotActions { get; init; } = [];

    public IReadOnlyList<string> Resources { get; init; } = [];

    public IReadOnlyList<string> NotResources { get; init; } = [];

    /// <summary>Operator (StringEquals, ...) -> condition key -> values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Conditions { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
}
