using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using k8s;
using k8s.Models;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// Pure decision whether a generated object must be (re)applied. Compares only what the operator owns: the spec (as
/// typed by our wire model, so fields other controllers add outside it are invisible), our labels and our
/// ownerReference. The renderer always emits defaulted fields, so a server default never looks like drift.
/// <para>
/// A key another field manager added to a map of the spec (a <c>limits</c> entry, a template annotation, a tag) is not
/// drift either: server-side apply merges maps key by key and never removes a field the applier does not own, so
/// applying again would change nothing, at every reconcile. Drift is a field of ours missing or with another value,
/// or a field we applied last time and no longer want (the last applied spec: until this process has
/// applied the object once, any difference counts, so at most one apply follows a restart). Lists are compared whole:
/// every list the operator writes is atomic in the NodePool and NodeClass schemas. The one exception is a NodePool's
/// requirements, a set to Karpenter: compared in any order (<see cref="RequirementSet"/>), so a pool whose entries
/// run in another order than rendered is not applied again, and when it is applied the running order is kept.
/// </para>
/// </summary>
internal static class ChildDiff
{
    public static bool NeedsApply<T>(T desired, T? observed, Func<T, object?> spec, JsonNode? lastAppliedSpec = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (observed is null)
        {
            return true;
        }

        var desiredSpec = RequirementSet.InCanonicalOrder(Spec(desired, spec));
        var observedSpec = RequirementSet.InCanonicalOrder(Spec(observed, spec));
        var drift = lastAppliedSpec is null
            ? !JsonNode.DeepEquals(desiredSpec, observedSpec)
            : !JsonNode.DeepEquals(desiredSpec, RequirementSet.InCanonicalOrder(lastAppliedSpec)) || !Holds(observedSpec, desiredSpec);
        if (drift)
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

    /// <summary>The spec as the apply sends it (nulls omitted), to remember and compare.</summary>
    public static JsonNode? Spec<T>(T obj, Func<T, object?> spec) => spec(obj) is { } value ? JsonNode.Parse(KubernetesJson.Serialize(value)) : null;

    /// <summary>Whether <paramref name="observed"/> holds every field of <paramref name="wanted"/> with its value (maps may hold more).</summary>
    private static bool Holds(JsonNode? observed, JsonNode? wanted) => wanted switch
    {
        JsonObject fields => observed is JsonObject seen && fields.All(f => seen.TryGetPropertyValue(f.Key, out var value) && Holds(value, f.Value)),
        _ => JsonNode.DeepEquals(observed, wanted),
    };
}
