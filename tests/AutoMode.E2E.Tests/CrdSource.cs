namespace AutoMode.E2E.Tests;

/// <summary>
/// Where the third-party CRDs come from. <paramref name="IsSharedUpstream"/>: the repository's ../shared/crds/upstream,
/// which holds Karpenter's core NodePool/NodeClaim CRDs as YAML but Auto Mode's NodeClass only as a JSON schema, so the
/// NodeClass CRD is synthesised (see <see cref="CrdInstaller"/>).
/// </summary>
internal sealed record CrdSource(string Directory, bool IsSharedUpstream);
