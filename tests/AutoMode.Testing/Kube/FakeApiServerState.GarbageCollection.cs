using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>
/// The garbage collector of kube-controller-manager and the API server's half of it, run synchronously inside the
/// store (the real collector is asynchronous: tests of races use <see cref="GarbageCollection"/> = false and act as
/// the collector themselves). The rules, from kubernetes/kubernetes:
/// <list type="bullet">
/// <item>On DELETE the API server turns <c>propagationPolicy</c> into finalizers:
/// <c>Orphan</c> adds <c>orphan</c>, <c>Foreground</c> adds <c>foregroundDeletion</c>, <c>Background</c> removes both;
/// without a policy the object's own GC finalizer decides, and custom resources default to background
/// (staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go, deletionFinalizersForGarbageCollection,
/// shouldOrphanDependents, shouldDeleteDependents).</item>
/// <item>The collector handles <c>orphan</c> by removing the owner's entry (matched by uid) from every dependent's
/// ownerReferences, then removing the finalizer (pkg/controller/garbagecollector/garbagecollector.go,
/// orphanDependents / processDeletingDependentsItem); the dependents stay.</item>
/// <item>A dependent is deleted only when none of its owners exists any more (by uid); when some do, only the dangling
/// references are removed (attemptToDeleteItem, classifyReferences). The dependent is deleted with the policy its own
/// finalizers name, background otherwise.</item>
/// <item><c>foregroundDeletion</c>: the owner stays (deletionTimestamp set) while the collector deletes its
/// dependents; it goes once no dependent with <c>blockOwnerDeletion: true</c> is left.</item>
/// </list>
/// </summary>
public sealed partial class FakeApiServerState
{
    /// <summary>The field manager of the collector's writes (its user agent on a real cluster).</summary>
    public const string GarbageCollectorManager = "kube-controller-manager";

    internal const string OrphanFinalizer = "orphan";
    internal const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>
    /// One full pass of the collector: every object whose owners are all gone is deleted, references to owners that
    /// are gone are removed from the others (what the real collector does after it was down, or for a test that ran
    /// with <see cref="GarbageCollection"/> off).
    /// </summary>
    public void CollectGarbage()
    {
        lock (_gate)
        {
            foreach (var obj in AllObjectsLocked().Where(o => OwnerUids(o.Body).Count > 0).ToList())
            {
                CollectIfOwnersGoneLocked(obj);
            }
        }
    }

    /// <summary>The finalizers a DELETE leaves on the object, as the API server computes them.</summary>
    private List<string> DeletionFinalizers(JsonObject body, string? propagationPolicy)
    {
        var finalizers = Finalizers(body);
        if (!GarbageCollection)
        {
            return finalizers;
        }

        var orphan = propagationPolicy switch
        {
            "Orphan" => true,
            "Background" or "Foreground" => false,
            _ => finalizers.Contains(OrphanFinalizer),
        };
        var foreground = propagationPolicy switch
        {
            "Foreground" => true,
            "Background" or "Orphan" => false,
            _ => finalizers.Contains(ForegroundFinalizer),
        };
        var result = finalizers.Where(f => f is not (OrphanFinalizer or ForegroundFinalizer)).ToList();
        if (orphan)
        {
            result.Add(OrphanFinalizer);
        }

        if (foreground)
        {
            result.Add(ForegroundFinalizer);
        }

        return result;
    }

    /// <summary>The collector's handling of an owner being deleted with <c>orphan</c> or <c>foregroundDeletion</c>.</summary>
    private StoredObject ProcessDeletionFinalizersLocked(StoredObject owner)
    {
        if (!GarbageCollection)
        {
            return owner;
        }

        var finalizers = Finalizers(owner.Body);
        if (finalizers.Contains(OrphanFinalizer))
        {
            foreach (var dependent in DependentsLocked(owner.Uid))
            {
                RemoveOwnerReferencesLocked(dependent, [owner.Uid]);
            }

            return RemoveFinalizerLocked(owner, OrphanFinalizer);
        }

        if (finalizers.Contains(ForegroundFinalizer))
        {
            foreach (var dependent in DependentsLocked(owner.Uid))
            {
                if (Find(dependent.Type, dependent.Namespace, dependent.Name) is { } current && current.Uid == dependent.Uid)
                {
                    DeleteLocked(current, preconditions: null, "Foreground");
                }
            }

            return ReleaseForegroundOwnerLocked(owner.Uid) ?? owner;
        }

        return owner;
    }

    /// <summary>After <paramref name="removedUid"/> is gone: delete dependents left with no owner, trim the others.</summary>
    private void CollectDependentsLocked(string removedUid)
    {
        if (!GarbageCollection || removedUid.Length == 0)
        {
            return;
        }

        foreach (var dependent in DependentsLocked(removedUid))
        {
            CollectIfOwnersGoneLocked(dependent);
        }

        // An owner in foreground deletion goes once its last blocking dependent has.
        foreach (var owner in AllObjectsLocked().Where(o => Finalizers(o.Body).Contains(ForegroundFinalizer) && o.Body["metadata"]?["deletionTimestamp"] is not null).ToList())
        {
            ReleaseForegroundOwnerLocked(owner.Uid);
        }
    }

    /// <summary>
    /// The collector's verdict on one object with ownerReferences (attemptToDeleteItem): an owner is looked up by its
    /// uid; one of a kind this server does not serve cannot be verified and keeps the object, as on a real cluster.
    /// </summary>
    private void CollectIfOwnersGoneLocked(StoredObject dependent)
    {
        if (!GarbageCollection || Find(dependent.Type, dependent.Namespace, dependent.Name) is not { } current || current.Uid != dependent.Uid)
        {
            return;
        }

        var references = OwnerReferences(current.Body).ToList();
        if (references.Count == 0 || references.Any(r => !ServesKindLocked(r)))
        {
            return;
        }

        var owners = OwnerUids(current.Body);
        var dangling = owners.Where(uid => FindByUidLocked(uid) is null).ToList();
        if (dangling.Count == 0)
        {
            return;
        }

        if (dangling.Count < owners.Count)
        {
            // Some owner still exists: the collector only removes the references to owners that are gone.
            RemoveOwnerReferencesLocked(current, dangling);
            return;
        }

        DeleteLocked(current, preconditions: null);
    }

    private bool ServesKindLocked(JsonObject reference) =>
        _types.Any(t => t.Kind == reference["kind"]?.GetValue<string>() && t.ApiVersion == reference["apiVersion"]?.GetValue<string>());

    private StoredObject? ReleaseForegroundOwnerLocked(string ownerUid)
    {
        if (FindByUidLocked(ownerUid) is not { } owner)
        {
            return null;
        }

        var blocked = DependentsLocked(ownerUid).Any(d => OwnerReferences(d.Body).Any(r =>
            r["uid"]?.GetValue<string>() == ownerUid && r["blockOwnerDeletion"]?.GetValue<bool>() == true));
        return blocked ? owner : RemoveFinalizerLocked(owner, ForegroundFinalizer);
    }

    private StoredObject RemoveFinalizerLocked(StoredObject owner, string finalizer)
    {
        var proposed = owner.CloneBody();
        var remaining = Finalizers(owner.Body).Where(f => f != finalizer).ToList();
        if (remaining.Count == 0)
        {
            proposed["metadata"]!.AsObject().Remove("finalizers");
        }
        else
        {
            proposed["metadata"]!["finalizers"] = new JsonArray([.. remaining.Select(f => (JsonNode)JsonValue.Create(f))]);
        }

        return UpdateLocked(owner, proposed, GarbageCollectorManager, subresource: null);
    }

    private void RemoveOwnerReferencesLocked(StoredObject dependent, List<string> ownerUids)
    {
        if (ownerUids.Count == 0)
        {
            return;
        }

        var proposed = dependent.CloneBody();
        var metadata = proposed["metadata"]!.AsObject();
        var kept = OwnerReferences(proposed).Where(r => !ownerUids.Contains(r["uid"]?.GetValue<string>() ?? string.Empty)).Select(r => r.DeepClone()).ToArray();
        if (kept.Length == 0)
        {
            metadata.Remove("ownerReferences");
        }
        else
        {
            metadata["ownerReferences"] = new JsonArray(kept);
        }

        UpdateLocked(dependent, proposed, GarbageCollectorManager, subresource: null);
    }

    private List<StoredObject> DependentsLocked(string ownerUid) =>
        [.. AllObjectsLocked().Where(o => OwnerUids(o.Body).Contains(ownerUid))];

    private StoredObject? FindByUidLocked(string uid) => AllObjectsLocked().FirstOrDefault(o => o.Uid == uid);

    private IEnumerable<StoredObject> AllObjectsLocked() => _objects.Values.SelectMany(b => b.Values);

    private static List<string> OwnerUids(JsonObject body) =>
        [.. OwnerReferences(body).Select(r => r["uid"]?.GetValue<string>() ?? string.Empty).Where(u => u.Length > 0)];

    private static IEnumerable<JsonObject> OwnerReferences(JsonObject body) =>
        body["metadata"]?["ownerReferences"] is JsonArray refs ? refs.OfType<JsonObject>() : [];
}
