using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;

namespace AutoMode.Core.Validation;

/// <summary>
/// spec.staticNodes (NodePool spec.replicas) and what a static pool refuses. Karpenter v1.14.1's NodePool CRD
/// (pkg/apis/crds/karpenter.sh_nodepools.yaml) refuses weight and any limit but limits.nodes when replicas is set and
/// ignores consolidationPolicy/consolidateAfter; the class refuses the ignored settings too, so nothing it says is
/// silently dropped. The CRD defaults (WhenEmptyOrUnderutilized, 0s) are allowed: they say nothing.
/// The static/dynamic switch on a live class is a CEL transition rule (no oldSelf here); the planner also refuses
/// it against the running NodePool (<see cref="Planning.ModeSwitches"/>).
/// </summary>
internal static class StaticCapacityRules
{
    public static void Check(ValidationRun run, V1Alpha1WorkloadClassSpec spec)
    {
        if (spec.StaticNodes is not { } nodes)
        {
            return;
        }

        if (nodes < 0)
        {
            run.Add("spec.staticNodes", $"{nodes} is negative; give the number of nodes to keep, 0 or more");
        }

        if (spec.Weight is not null)
        {
            run.Add("spec.weight", "'weight' is not supported on static NodePools; remove weight, or remove staticNodes for a dynamic class");
        }

        if (spec.Limits is { } limits && limits.Keys.Any(k => k != "nodes"))
        {
            run.Add("spec.limits", "only 'limits.nodes' is supported on static NodePools; remove the other limits");
        }

        if (spec.Disruption is { } disruption
            && ((disruption.ConsolidationPolicy is { } policy && policy != AutoModeDefaults.ConsolidationPolicy)
                || (disruption.ConsolidateAfter is { } after && after != AutoModeDefaults.ConsolidateAfter)))
        {
            run.Add("spec.disruption", "consolidation does not apply to static NodePools (EKS Auto Mode ignores consolidationPolicy and consolidateAfter); remove them, budgets still apply to drift");
        }

        if (spec.OffHours?.Drain?.Enabled == true)
        {
            run.Add("spec.offHours.drain.enabled", "a static class needs no off-hours drain: off-hours scales its replicas to 0 and EKS Auto Mode drains the nodes (PodDisruptionBudgets respected); remove drain.enabled");
        }
    }
}
