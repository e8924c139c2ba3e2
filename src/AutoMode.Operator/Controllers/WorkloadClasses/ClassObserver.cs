using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Kubernetes.Apply;
using AutoMode.Kubernetes.Informers;
using AutoMode.Operator.Controllers.Gates;
using k8s;
using k8s.Models;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// The observe step of a WorkloadClass reconcile: reads the caches, our own writes they may not show yet, the gate
/// snapshots, and the API server where a cache cannot answer. Reads only: it changes neither caches nor expectations.
/// </summary>
internal sealed class ClassObserver(
    IObjectStore<V1NodeClass> nodeClasses,
    IObjectStore<V1NodePool> nodePools,
    IObjectStore<V1NodeClaim> nodeClaims,
    IObjectWriter writer,
    WriteExpectations expectations,
    AccessEntryState accessEntries,
    TagPolicyState tagPolicy,
    ILogger logger,
    Action<ResourceDescriptor>? cacheBehind)
{
    public async Task<ObservedClass> ObserveAsync(V1Alpha1WorkloadClass workloadClass, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = workloadClass.Metadata.Name;
        var cachedNodePool = nodePools.Get(name);
        var (nodePool, nodePoolStale) = await ChildAsync(workloadClass, Kinds.NodePool, name, cachedNodePool, cancellationToken);
        var roles = new RoleMigrationObserver(nodeClasses, nodeClaims, expectations, workloadClass);
        var nodeClassName = roles.NodeClassName(nodePool.Object);
        var cachedNodeClass = nodeClasses.Get(nodeClassName);
        var (nodeClass, nodeClassStale) = await ChildAsync(workloadClass, Kinds.NodeClass, nodeClassName, cachedNodeClass, cancellationToken);
        var tagGate = tagPolicy.Evaluate(now, out var opensAt);
        var seen = new ClassObservation
        {
            Class = workloadClass,
            Now = now,
            NodeClass = nodeClass,
            NodePool = nodePool,
            TagPolicy = tagGate,
            TagPolicyOpensAt = opensAt,
            // Read before validation: an undecodable or adversarial class may have no spec at all. A class with an
            // instanceProfile has no nodeRole, so no gate: the profile's role is invisible without iam:GetInstanceProfile
            // (not in the operator's policy), and README "Instance profiles" tells the user to give it an access entry.
            AccessEntry = accessEntries.Evaluate(workloadClass.Spec?.NodeRole),
            NodeClassName = nodeClassName,
            OldNodeClasses = roles.OldNodeClasses(nodeClassName),
        };

        // A class annotated automode.io/adopt may take over an unowned object of its name (README "Migrating existing NodePools").
        seen = AdoptionPlanner.Resolve(seen);
        var claims = seen.NodePool.Object is not null ? nodeClaims.ListByLabel(V1NodeClaim.NodePoolLabel, name) : [];
        seen = seen with { NodeClaims = claims.Count, Lifetimes = LifetimeObserver.Read(seen.NodePool.Object, claims) };
        return new ObservedClass(seen, claims, cachedNodeClass, cachedNodePool, nodeClassStale, nodePoolStale);
    }

    /// <summary>
    /// The children as the API server holds them when the cache does not hold that version (the cache missed an
    /// event, or never got the object): the informer then lists again. A child written in this very reconcile is
    /// judged next time, once its own watch event had its chance.
    /// </summary>
    public async Task<(V1NodeClass? NodeClass, V1NodePool? NodePool)> ReadLiveIfAheadAsync(
        V1Alpha1WorkloadClass workloadClass, AppliedChildren applied, CancellationToken cancellationToken)
    {
        var name = workloadClass.Metadata.Name;
        var nodeClass = applied.NodeClassWritten ? applied.NodeClass
            : await LiveIfAheadAsync(workloadClass, Kinds.NodeClass, applied.NodeClass, nodeClasses.Get(applied.NodeClass?.Metadata.Name ?? name), cancellationToken);
        var nodePool = applied.NodePoolWritten ? applied.NodePool
            : await LiveIfAheadAsync(workloadClass, Kinds.NodePool, applied.NodePool, nodePools.Get(name), cancellationToken);
        return (nodeClass, nodePool);
    }

    /// <summary>The freshest view of one generated object, classified: ours, missing, or blocked by one that is not ours.</summary>
    private async Task<(SeenChild<T> Child, bool StaleExpectation)> ChildAsync<T>(V1Alpha1WorkloadClass owner, ResourceDescriptor kind, string name, T? cached, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var current = expectations.Latest(kind.Kind, name, cached);
        var stale = false;
        if (cached is null && current is not null && !Ownership.IsControlledBy(current, owner))
        {
            // What we applied for an earlier class of the same name (deleted and re-created before the cache caught
            // up): the expectation must not outlive its owner, or the new class would wait forever on a child already
            // gone. The act step forgets it.
            stale = true;
            current = null;
        }

        // The caches only hold objects carrying our label; an unowned object with our target name is invisible
        // to them, so ask the API server once before creating anything.
        var fromCache = current is not null;
        current ??= await writer.GetAsync<T>(kind, name, cancellationToken);
        if (fromCache && current is not null && !Ownership.IsControlledBy(current, owner) && AdoptionAnnotations.Requested(owner))
        {
            // Adoption writes to an object that is not ours yet, so it is decided on the object as the API server holds
            // it, never on a cache that may trail it: a controller reference added a moment ago must stop it.
            current = await writer.GetAsync<T>(kind, name, cancellationToken);
        }

        if (current is null || Ownership.IsControlledBy(current, owner))
        {
            return (SeenChild.Ours(current), stale);
        }

        if (Ownership.IsControlledByEarlierClass(current, owner))
        {
            // Left over from a deleted WorkloadClass of the same name (possibly applied by a reconcile that raced the
            // deletion): its controller reference names a uid that no longer exists, so the garbage collector deletes
            // it, and its deletion event brings this class back (events map to classes by controller reference and by
            // name). The cache may trail the server, or have kept an object whose deletion it never saw (a watch down
            // at that moment): when the old object is already gone, create ours now rather than wait for an event
            // that may never come. If it is still there, look again later even without an event.
            var live = await writer.GetAsync<T>(kind, name, cancellationToken);
            if (live is null || Ownership.IsControlledBy(live, owner))
            {
                return (SeenChild.Ours(live), stale);
            }

            return (new SeenChild<T>(null, ChildStanding.WaitingForEarlierClass,
                Blocker: $"it belongs to an earlier WorkloadClass {owner.Metadata.Name} and waits for the garbage collector"), stale);
        }

        // An object no controller owns is a Conflict, and also a candidate for adoption (AdoptionPlanner decides).
        var unowned = current.Metadata?.OwnerReferences?.Any(r => r.Controller == true) == true ? null : current;
        var conflict = $"{kind.Kind} {name} already exists and is {Ownership.DescribeOwner(current)}" +
            (unowned is null ? "" : $" (no controller owns it: annotate the class {AdoptionAnnotations.Adopt}=true to adopt it)");
        return (new SeenChild<T>(null, ChildStanding.Conflict, Blocker: Ownership.DescribeOwner(current) + " (see Conflict)", Conflict: conflict, Unowned: unowned), stale);
    }

    private async Task<T?> LiveIfAheadAsync<T>(V1Alpha1WorkloadClass owner, ResourceDescriptor kind, T? seen, T? cached, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (seen is null)
        {
            return seen;
        }

        var live = await writer.GetAsync<T>(kind, seen.Metadata.Name, cancellationToken);
        if (live is null || live.Metadata.ResourceVersion == cached?.Metadata.ResourceVersion || !Ownership.IsControlledBy(live, owner))
        {
            // The cache holds what the server holds (Auto Mode is just slow), or the child is gone or replaced: the
            // watch events for those bring the class back here.
            return seen;
        }

        Log.CacheBehind(logger, kind.Kind, seen.Metadata.Name, cached?.Metadata.ResourceVersion, live.Metadata.ResourceVersion);
        cacheBehind?.Invoke(kind);
        return live;
    }
}

/// <summary>
/// What the observe step read: the planner's input, the pool's NodeClaims for the drain, the children as the caches
/// hold them (to settle expectations), and whether an expectation of the NodeClass or NodePool belongs to an earlier
/// class of the same name (to forget it).
/// </summary>
internal sealed record ObservedClass(
    ClassObservation Seen,
    IReadOnlyList<V1NodeClaim> Claims,
    V1NodeClass? CachedNodeClass,
    V1NodePool? CachedNodePool,
    bool NodeClassStale,
    bool NodePoolStale);
