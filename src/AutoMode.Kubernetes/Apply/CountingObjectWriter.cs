using k8s;
using k8s.Models;

namespace AutoMode.Kubernetes.Apply;

/// <summary>Counts the writes (apply, status, delete) that pass through, per kind and verb; reads are not counted.</summary>
public sealed class CountingObjectWriter(IObjectWriter inner) : IObjectWriter
{
    private long _writes;

    public long Writes => Interlocked.Read(ref _writes);

    public async Task<T> ApplyAsync<T>(ResourceDescriptor resource, T intent, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        Interlocked.Increment(ref _writes);
        return await inner.ApplyAsync(resource, intent, cancellationToken);
    }

    public Task<T?> GetAsync<T>(ResourceDescriptor resource, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> => inner.GetAsync<T>(resource, name, cancellationToken);

    public async Task PatchStatusAsync<TStatus>(ResourceDescriptor resource, string name, TStatus status, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        await inner.PatchStatusAsync(resource, name, status, cancellationToken);
    }

    public async Task DeleteAsync(ResourceDescriptor resource, string name, string uid, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        await inner.DeleteAsync(resource, name, uid, cancellationToken);
    }

    public async Task<bool> DeleteUnchangedAsync(ResourceDescriptor resource, string name, string uid, string resourceVersion, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        return await inner.DeleteUnchangedAsync(resource, name, uid, resourceVersion, cancellationToken);
    }
}
