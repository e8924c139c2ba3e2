using System.Collections.Concurrent;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// Names of NodeClasses and NodePools controlled by a WorkloadClass that this process has seen, fed by the informers.
/// A child that was seen and is now missing was deleted, possibly by garbage collection of a class whose own DELETED
/// event has not arrived yet: re-creating it is worth one live look at the class first. A child never seen needs no
/// look, which is every class's first creation.
/// </summary>
/// <remarks>
/// Sightings are recorded on every event, not only on DELETED: the informer removes an object from its store before it
/// dispatches the DELETED event, so a reconcile running in between would find the child missing with no deletion
/// recorded yet. The ADDED event of a child is always dispatched before the child can leave the store.
/// </remarks>
internal sealed class SeenChildren
{
    private readonly ConcurrentDictionary<(string Kind, string Name), byte> _seen = new();

    public int Count => _seen.Count;

    public void Saw(string kind, string name) => _seen.TryAdd((kind, name), 0);

    public bool WasSeen(string kind, string name) => _seen.ContainsKey((kind, name));

    public void Forget(string kind, string name) => _seen.TryRemove((kind, name), out _);

    /// <summary>The class is gone: a later class of the same name starts with no history.</summary>
    public void ForgetClass(string name)
    {
        Forget(Kinds.NodeClass.Kind, name);
        Forget(Kinds.NodePool.Kind, name);
    }
}
