using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty;

namespace AutoMode.Operator.Controllers;

/// <summary>API locations of every kind the operator reads or writes.</summary>
internal static class Kinds
{
    public static ResourceDescriptor WorkloadClass { get; } =
        new(WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural, WorkloadClassApi.Kind);

    public static ResourceDescriptor NodeClass { get; } = ResourceKinds.NodeClass;

    public static ResourceDescriptor NodePool { get; } = ResourceKinds.NodePool;

    public static ResourceDescriptor NodeClaim { get; } = ResourceKinds.NodeClaim;
}
