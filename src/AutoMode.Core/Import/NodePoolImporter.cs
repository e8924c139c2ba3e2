using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Core.Import;

/// <summary>
/// NodePool spec -> the pool settings of a WorkloadClass. Taints keep their order; the class's own dedicated taint,
/// last, becomes 'dedicated: true'. Budgets are Karpenter's UTC ones, so they get no time zone.
/// </summary>
internal static class NodePoolImporter
{
    public static void Fill(V1Alpha1WorkloadClassSpec spec, V1NodePoolSpec nodePool, string className)
    {
        var template = nodePool.Template.Spec;
        var labels = nodePool.Template.Metadata?.Labels?
            .Where(l => !(l.Key == WorkloadClassApi.WorkloadClassLabel && l.Value == className))
            .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        spec.NodeLabels = labels is { Count: > 0 } ? new SortedDictionary<string, string>(labels, StringComparer.Ordinal) : null;

        // A pool that does not label its nodes by class keeps it that way: adding the label would drift every node.
        spec.LabelNodes = nodePool.Template.Metadata?.Labels?.ContainsKey(WorkloadClassApi.WorkloadClassLabel) == true ? null : false;
        spec.Instances = RequirementsImporter.Import(template.Requirements);
        var taints = Taints(template.Taints);
        if (taints is { Count: > 0 } && taints[^1] is { Key: WorkloadClassApi.DedicatedTaintKey, Effect: "NoSchedule" } last && last.Value == className)
        {
            // The taint 'dedicated: true' renders, and where it renders it: after the others.
            spec.Dedicated = true;
            taints.RemoveAt(taints.Count - 1);
        }

        spec.Taints = taints is { Count: > 0 } ? taints : null;
        spec.StartupTaints = Taints(template.StartupTaints);
        if (template.ExpireAfter is not null || template.TerminationGracePeriod is not null)
        {
            spec.Lifecycle = new LifecycleSpec { ExpireAfter = template.ExpireAfter, TerminationGracePeriod = template.TerminationGracePeriod };
        }

        spec.Limits = nodePool.Limits is { Count: > 0 } limits ? new SortedDictionary<string, string>(limits, StringComparer.Ordinal) : null;
        spec.Weight = nodePool.Weight;
        ComputeSurfaceImporter.FillNodePool(spec, nodePool);
        if (nodePool.Disruption is { } disruption)
        {
            spec.Disruption = new DisruptionSpec
            {
                ConsolidationPolicy = disruption.ConsolidationPolicy,
                ConsolidateAfter = disruption.ConsolidateAfter,
                Budgets = disruption.Budgets is { Count: > 0 } budgets
                    ? [.. budgets.Select(b => new DisruptionBudgetSpec
                    {
                        Nodes = b.Nodes,
                        Schedule = b.Schedule,
                        Duration = b.Duration,
                        Reasons = b.Reasons?.ToList(),
                    })]
                    : null,
            };
        }
    }

    private static List<TaintSpec>? Taints(IList<V1NodeTaint>? taints) =>
        taints is { Count: > 0 } ? [.. taints.Select(t => new TaintSpec { Key = t.Key, Value = t.Value, Effect = t.Effect })] : null;
}
