namespace AutoMode.Core.Scheduling;

/// <summary>Everything the drain decision depends on; the same input always gives the same plan.</summary>
/// <param name="NodeClaims">The pool's NodeClaims (<c>karpenter.sh/nodepool=&lt;pool&gt;</c>), terminating ones included.</param>
/// <param name="Drain">The class's <c>spec.offHours.drain</c>; null or not enabled means no deletions.</param>
/// <param name="Now">The instant the plan is for.</param>
/// <param name="OperatorNodeName">The node this operator replica runs on (downward API NODE_NAME), if known.</param>
/// <param name="OperatorHasOtherReadyReplicas">True when another operator replica is ready elsewhere.</param>
/// <param name="NodesWithProtectedPods">Nodes running pods from <c>drain.protectedNamespaces</c>.</param>
public sealed record DrainPlanInput(
    IReadOnlyList<NodeClaimSnapshot> NodeClaims,
    Api.V1Alpha1.DrainSpec? Drain,
    DateTimeOffset Now,
    string? OperatorNodeName,
    bool OperatorHasOtherReadyReplicas,
    IReadOnlySet<string> NodesWithProtectedPods);
