using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty;
using AutoMode.Kubernetes;

namespace AutoMode.Operator.Controllers;

/// <summary>API locations of every kind the operator reads or writes.</summary>
internal static class Kinds
{
    public static ResourceDescriptor WorkloadClass { get; } =
        new(WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural, WorkloadClassApi.Kind);

    public static ResourceDescriptor NodeClass { get; } = From(ResourceKinds.NodeClass);

    public static ResourceDescriptor NodePool { get; } = From(ResourceKinds.NodePool);

    public static ResourceDescriptor NodeClaim { get; } = From(ResourceKinds.NodeClaim);

    private static ResourceDescriptor From(ThirdPartyKind kind) => new(kind.Group, kind.Version, kind.Plural, kind.Kind);
}
