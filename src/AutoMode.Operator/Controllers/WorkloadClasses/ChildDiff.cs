using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// Pure decision whether a generated object must be (re)applied. Compares only what the operator owns: the spec (as
/// typed by our wire model, so fields other controllers add are invisible), our labels and our ownerReference.
/// The renderer always emits defaulted fields, so a server default never looks like drift.
/// </summary>
internal static class ChildDiff
{
    public static bool NeedsApply<T>(T desired, T? observed, Func<T, object?> spec)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (observed is null)
        {
            return true;
        }

        if (!JsonNode.DeepEquals(ToNode(spec(desired)), ToNode(spec(observed))))
        {
            return true;
        }

        var observedLabels = observed.Metadata.Labels ?? new Dictionary<string, string>();
        if ((desired.Metadata.Labels ?? new Dictionary<string, string>()).Any(l => !observedLabels.TryGetValue(l.Key, out var v) || v != l.Value))
        {
            return true;
        }

        var wanted = desired.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
        return wanted is not null && observed.Metadata.OwnerReferences?.Any(r => r.Uid == wanted.Uid && r.Controller == true && r.Kind == WorkloadClassApi.Kind) != true;
    }

    private static JsonNode? ToNode(object? value) => value is null ? null : JsonNode.Parse(KubernetesJson.Serialize(value));
}
