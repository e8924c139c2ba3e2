using System.Net;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Kubernetes.Apply;
using AutoMode.Kubernetes.Events;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// The apply step: the NodeClass, then the NodePool that references it, each only when it differs from what runs.
/// Owns the Created, Updated and ApplyRejected events, and records every write in <see cref="WriteExpectations"/>.
/// </summary>
internal sealed class ChildApplier(IObjectWriter writer, IEventRecorder events, WriteExpectations expectations, ILogger logger)
{
    /// <summary>Settles what the caches now show, and forgets expectations left by an earlier class of the same name.</summary>
    public void Settle(ObservedClass observed)
    {
        var name = observed.Seen.Class.Metadata.Name;
        var nodeClassName = observed.Seen.NodeClassName ?? name;
        expectations.Settle(Kinds.NodeClass.Kind, nodeClassName, observed.CachedNodeClass);
        expectations.Settle(Kinds.NodePool.Kind, name, observed.CachedNodePool);
        if (observed.NodeClassStale)
        {
            expectations.Forget(Kinds.NodeClass.Kind, nodeClassName);
        }

        if (observed.NodePoolStale)
        {
            expectations.Forget(Kinds.NodePool.Kind, name);
        }
    }

    /// <summary>The class is gone: nothing it wrote is expected any more.</summary>
    public void Forget(string name)
    {
        expectations.Forget(Kinds.NodeClass.Kind, name);
        expectations.Forget(Kinds.NodePool.Kind, name);
    }

    /// <summary>Children read live because the cache missed their events: later reconciles see them until it catches up.</summary>
    public void RememberLive(V1NodeClass? nodeClass, V1NodePool? nodePool)
    {
        if (nodeClass is not null)
        {
            expectations.ReadLive(Kinds.NodeClass.Kind, nodeClass);
        }

        if (nodePool is not null)
        {
            expectations.ReadLive(Kinds.NodePool.Kind, nodePool);
        }
    }

    public async Task<AppliedChildren> ApplyAsync(V1Alpha1WorkloadClass owner, ClassPlan plan, ClassObservation seen, CancellationToken cancellationToken)
    {
        var desired = plan.Desired!.Desired;

        // At most one live read of the class per reconcile, and only when a child is about to be created.
        Task<bool>? ownerLookup = null;
        Task<bool> OwnerExists() => ownerLookup ??= OwnerStillExistsAsync(owner, cancellationToken);

        var rejections = new List<string>();
        var nodeClass = new Applied<V1NodeClass>(seen.NodeClass.Object, false, null);
        if (plan.ApplyNodeClass)
        {
            nodeClass = await TryApplyAsync(owner, Kinds.NodeClass, desired.NodeClass, nodeClass.Object, static n => n.Spec, OwnerExists,
                seen.NodeClass.Standing == ChildStanding.Adopting, cancellationToken);
            AddIfSet(rejections, nodeClass.Rejection);
        }

        // The NodePool references the NodeClass: apply it only once a NodeClass of ours exists.
        var nodePool = new Applied<V1NodePool>(seen.NodePool.Object, false, null);
        if (plan.ApplyNodePool && nodeClass.Object is not null)
        {
            // Requirements are a set: the running order of the same requirements stays, so an apply leaves them as stored.
            nodePool = await TryApplyAsync(owner, Kinds.NodePool, RequirementSet.KeepRunningOrder(desired.NodePool, nodePool.Object), nodePool.Object, static p => p.Spec, OwnerExists,
                seen.NodePool.Standing == ChildStanding.Adopting, cancellationToken);
            AddIfSet(rejections, nodePool.Rejection);
        }

        return new AppliedChildren(nodeClass.Object, nodeClass.Written, nodePool.Object, nodePool.Written, rejections);
    }

    /// <summary>Applies, turning an API-server rejection (400/422: a rule our validation did not catch) into a status message instead of an endless retry.</summary>
    private async Task<Applied<T>> TryApplyAsync<T>(V1Alpha1WorkloadClass owner, ResourceDescriptor kind, T desired, T? observed, Func<T, object?> spec, Func<Task<bool>> ownerExists, bool adopting, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            return await ApplyIfChangedAsync(owner, kind, desired, observed, spec, ownerExists, adopting, cancellationToken);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
        {
            var rejection = $"the API server rejected {kind.Kind} {desired.Metadata.Name}: {ApiErrors.Message(error)}";
            events.Record(ClassReference.Of(owner), EventKind.Warning, EventReasons.ApplyRejected, rejection);
            return new Applied<T>(observed, false, rejection);
        }
    }

    private async Task<Applied<T>> ApplyIfChangedAsync<T>(V1Alpha1WorkloadClass owner, ResourceDescriptor kind, T desired, T? observed, Func<T, object?> spec, Func<Task<bool>> ownerExists, bool adopting, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (!ChildDiff.NeedsApply(desired, observed, spec, expectations.AppliedSpec(kind.Kind, desired.Metadata.Name)))
        {
            return new Applied<T>(observed, false, null);
        }

        if ((observed is null || adopting) && !await ownerExists())
        {
            // Garbage collection's DELETED events for the children can arrive before the class's own: the cache still
            // holds a class that is gone, and creating its children again would start nodes only to remove them.
            // Adopting for a class that is gone would be worse: the collector would delete the adopted object.
            return new Applied<T>(adopting ? observed : null, false, null);
        }

        // Adopting applies to exactly the version that was inspected: a server-side apply that carries
        // metadata.resourceVersion is a precondition (kubernetes/kubernetes#63104: the patched object's resourceVersion
        // reaches the registry's GuaranteedUpdate), so an object changed since, say given a controller reference, is
        // refused with 409 Conflict and judged again on the next reconcile instead of being taken over.
        var intent = adopting && observed is not null ? AtVersion(desired, observed.Metadata.ResourceVersion) : desired;
        var stored = await writer.ApplyAsync(kind, intent, cancellationToken);
        expectations.Applied(kind.Kind, stored, ChildDiff.Spec(desired, spec));
        var verb = observed is null ? EventReasons.Created : adopting ? EventReasons.Adopted : EventReasons.Updated;
        events.Record(ClassReference.Of(owner), EventKind.Normal, verb, $"{verb} {kind.Kind} {desired.Metadata.Name}.");
        Log.Applied(logger, kind.Kind, desired.Metadata.Name, verb);
        return new Applied<T>(stored, true, null);
    }

    private static T AtVersion<T>(T desired, string? resourceVersion)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var copy = KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(desired));
        copy.Metadata.ResourceVersion = resourceVersion;
        return copy;
    }

    private async Task<bool> OwnerStillExistsAsync(V1Alpha1WorkloadClass owner, CancellationToken cancellationToken)
    {
        var live = await writer.GetAsync<V1Alpha1WorkloadClass>(Kinds.WorkloadClass, owner.Metadata.Name, cancellationToken);
        return live is not null && live.Metadata.Uid == owner.Metadata.Uid && live.Metadata.DeletionTimestamp is null;
    }

    private static void AddIfSet(List<string> list, string? item)
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }

    private sealed record Applied<T>(T? Object, bool Written, string? Rejection);
}

/// <summary>The children after the apply step; <c>Written</c> when this reconcile wrote that child.</summary>
internal sealed record AppliedChildren(V1NodeClass? NodeClass, bool NodeClassWritten, V1NodePool? NodePool, bool NodePoolWritten, IReadOnlyList<string> Rejections);
