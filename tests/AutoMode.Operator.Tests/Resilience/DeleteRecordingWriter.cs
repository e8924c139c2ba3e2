using AutoMode.Core.ThirdParty;
using AutoMode.Kubernetes.Apply;
using k8s;
using k8s.Models;

namespace AutoMode.Operator.Tests.Resilience;

/// <summary>An <see cref="IObjectWriter"/> that only records deletions (the drainer writes nothing else).</summary>
internal sealed class DeleteRecordingWriter : IObjectWriter
{
    private readonly List<string> _deleted = [];

    public IReadOnlyList<string> Deleted => _deleted;

    public Task<T> ApplyAsync<T>(ResourceDescriptor resource, T intent, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> => throw new NotSupportedException("the drainer never applies");

    public Task<T?> GetAsync<T>(ResourceDescriptor resource, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> => throw new NotSupportedException("the drainer never reads");

    public Task PatchStatusAsync<TStatus>(ResourceDescriptor resource, string name, TStatus status, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the drainer never writes status");

    public Task DeleteAsync(ResourceDescriptor resource, string name, string uid, CancellationToken cancellationToken)
    {
        _deleted.Add(name);
        return Task.CompletedTask;
    }

    public Task<bool> DeleteUnchangedAsync(ResourceDescriptor resource, string name, string uid, string resourceVersion, CancellationToken cancellationToken)
    {
        _deleted.Add(name);
        return Task.FromResult(true);
    }
}
