using System.Collections.Concurrent;
using AutoMode.Kubernetes.Informers;
using k8s;
using k8s.Models;

namespace AutoMode.Testing.Fakes;

/// <summary>An informer cache stand-in for controller unit tests: arrange objects directly, no server.</summary>
public sealed class InMemoryObjectStore<T> : IObjectStore<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<string, T> _objects = new(StringComparer.Ordinal);

    public bool HasSynced => true;

    public void Put(T obj) => _objects[obj.Metadata.Name] = obj;

    public void Remove(string name) => _objects.TryRemove(name, out _);

    public T? Get(string name) => _objects.GetValueOrDefault(name);

    public IReadOnlyList<T> List() => [.. _objects.Values.OrderBy(o => o.Metadata.Name, StringComparer.Ordinal)];

    public IReadOnlyList<T> ListByLabel(string key, string value) =>
        [.. List().Where(o => o.Metadata.Labels?.TryGetValue(key, out var v) == true && v == value)];
}
