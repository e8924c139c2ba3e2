namespace AutoMode.Core.ThirdParty;

/// <summary>Where a third-party kind lives on the API server. All three are cluster-scoped.</summary>
public sealed record ThirdPartyKind(string Group, string Version, string Plural, string Kind)
{
    public string ApiVersion => $"{Group}/{Version}";
}
