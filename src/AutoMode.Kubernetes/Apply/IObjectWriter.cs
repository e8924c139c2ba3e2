using k8s;
using k8s.Models;

namespace AutoMode.Kubernetes.Apply;

/// <summary>
/// Every write the operator makes goes through here, so writes can be counted and tested.
/// Apply is server-side apply under the operator's single field manager with force.
/// </summary>
public interface IObjectWriter
{
    /// <summary>Server-side apply of a fully specified intent; returns the object as stored.</summary>
    Task<T> ApplyAsync<T>(ResourceDescriptor resource, T intent, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>A live read, for the rare cases a cache cannot answer (e.g. an unowned object with our target name). Null when absent.</summary>
    Task<T?> GetAsync<T>(ResourceDescriptor resource, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Merge-patches {"status": status} through the /status subresource.</summary>
    Task PatchStatusAsync<TStatus>(ResourceDescriptor resource, string name, TStatus status, CancellationToken cancellationToken);

    /// <summary>Deletes with a uid precondition (never someone else's re-created object). Absent is success.</summary>
    Task DeleteAsync(ResourceDescriptor resource, string name, string uid, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes only the object with this uid at this resourceVersion, the one the decision was made on. False when it
    /// changed or was replaced since (409: nothing deleted, decide again on what the cache shows next); true when it
    /// was deleted or is already gone.
    /// </summary>
    Task<bool> DeleteUnchangedAsync(ResourceDescriptor resource, string name, string uid, string resourceVersion, CancellationToken cancellationToken);
}
