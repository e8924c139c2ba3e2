namespace AutoMode.Core.ThirdParty;

/// <summary>
/// Where a kind lives on the API server: group (empty for the core group), version, plural and kind. All kinds this
/// operator handles are cluster-scoped, except Events and Leases.
/// </summary>
public sealed record ResourceDescriptor(string Group, string Version, string Plural, string Kind)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}
