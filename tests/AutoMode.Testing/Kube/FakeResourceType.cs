namespace AutoMode.Testing.Kube;

/// <summary>A resource kind the fake API server serves, registered with <see cref="FakeApiServer.AddResource"/>.</summary>
/// <param name="Group">API group; empty for the core group (<c>/api/v1</c>).</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Plural">Resource name in paths, e.g. <c>nodepools</c>.</param>
/// <param name="Kind">Kind, e.g. <c>NodePool</c>.</param>
/// <param name="Namespaced">Served under <c>namespaces/{ns}</c>.</param>
/// <param name="HasStatusSubresource">Status is written only through <c>/status</c>.</param>
public sealed record FakeResourceType(
    string Group,
    string Version,
    string Plural,
    string Kind,
    bool Namespaced,
    bool HasStatusSubresource)
{
    /// <summary>The <c>apiVersion</c> objects of this type carry, e.g. <c>karpenter.sh/v1</c> or <c>v1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Unique key: <c>plural</c> for the core group, otherwise <c>plural.group</c>.</summary>
    public string Key => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
