using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Core.Desired;

/// <summary>What the operator applies for one WorkloadClass. RequiresTagPolicy: the NodeClass sets tags, so the cluster role needs the tag-propagation policy.</summary>
public sealed record DesiredState(V1NodeClass NodeClass, V1NodePool NodePool, bool RequiresTagPolicy);
