using k8s;
using k8s.Models;

namespace AutoMode.Kubernetes.Informers;

/// <summary>
/// A change seen by an informer. Added: New only. Updated: Old and New. Deleted: Old (last known state) only.
/// Resync: Old and New are the same cached object. Objects are shared with the cache: never mutate them.
/// </summary>
public sealed record InformerEvent<T>(InformerEventType Type, T? Old, T? New)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The object the event is about: the new state, or the last known one for a deletion.</summary>
    public T Object => New ?? Old ?? throw new InvalidOperationException("An informer event carries at least one object.");
}
