using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Core.Desired;

/// <summary>
/// The NodePool's <c>spec.template.metadata</c>: the class's node labels, plus <c>automode.io/workload-class=&lt;name&gt;</c>
/// unless <c>spec.labelNodes</c> is false. No labels at all render no metadata, as a hand-written pool without labels
/// has none: an empty <c>metadata: {labels: {}}</c> would be a difference from it, and a write. The annotations are
/// the rotation's (ReplacementRendering.TemplateAnnotations), or none.
/// </summary>
internal static class NodeTemplateMetadata
{
    public static V1NodeClaimTemplateMetadata? Render(V1Alpha1WorkloadClassSpec spec, string name, IDictionary<string, string>? annotations = null)
    {
        var labels = new SortedDictionary<string, string>(spec.NodeLabels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (spec.LabelNodes != false)
        {
            labels[WorkloadClassApi.WorkloadClassLabel] = name;
        }

        return labels.Count == 0 && annotations is not { Count: > 0 }
            ? null
            : new V1NodeClaimTemplateMetadata { Labels = labels.Count == 0 ? null : labels, Annotations = annotations };
    }
}
