namespace AutoMode.Core.ThirdParty;

/// <summary>The kinds the operator writes (NodeClass, NodePool) or reads (NodeClaim).</summary>
public static class ResourceKinds
{
    public const string EksGroup = "eks.amazonaws.com";
    public const string KarpenterGroup = "karpenter.sh";
    public const string V1 = "v1";

    public const string NodeClassKind = "NodeClass";
    public const string NodeClassPlural = "nodeclasses";
    public const string NodePoolKind = "NodePool";
    public const string NodePoolPlural = "nodepools";
    public const string NodeClaimKind = "NodeClaim";
    public const string NodeClaimPlural = "nodeclaims";

    public static ResourceDescriptor NodeClass { get; } = new(EksGroup, V1, NodeClassPlural, NodeClassKind);

    public static ResourceDescriptor NodePool { get; } = new(KarpenterGroup, V1, NodePoolPlural, NodePoolKind);

    public static ResourceDescriptor NodeClaim { get; } = new(KarpenterGroup, V1, NodeClaimPlural, NodeClaimKind);
}
