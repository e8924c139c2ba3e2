namespace AutoMode.Aws;

/// <summary>Scope of an access policy association: <c>cluster</c>, or <c>namespace</c> with namespaces.</summary>
public sealed record EksAccessScope(string Type, IReadOnlyList<string> Namespaces)
{
    public static EksAccessScope Cluster { get; } = new("cluster", []);
}
