using k8s;
using k8s.Models;

namespace AutoMode.Kubernetes.Informers;

/// <summary>
/// Thread-safe cache of cluster-scoped objects by name, with an index on every label (key, value) for
/// <see cref="ListByLabel"/>. Returned objects are shared: callers must not mutate them.
/// </summary>
public sealed class ObjectStore<T> : IObjectStore<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, string Value), HashSet<string>> _byLabel = [];
    private volatile bool _hasSynced;

    public bool HasSynced => _hasSynced;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byName.Count;
            }
        }
    }

    public T? Get(string name)
    {
        lock (_gate)
        {
            return _byName.GetValueOrDefault(name);
        }
    }

    public IReadOnlyList<T> List()
    {
        lock (_gate)
        {
            return [.. _byName.Values];
        }
    }

    public IReadOnlyList<T> ListByLabel(string key, string value)
    {
        lock (_gate)
        {
            return _byLabel.TryGetValue((key, value), out var names) ? [.. names.Select(n => _byName[n])] : [];
        }
    }

    internal void MarkSynced() => _hasSynced = true;

    /// <summary>Stores the object; returns what it replaced.</summary>
    internal T? Upsert(T obj)
    {
        var name = NameOf(obj);
        lock (_gate)
        {
            var old = RemoveLocked(name);
            _byName[name] = obj;
            foreach (var label in Labels(obj))
            {
                if (!_byLabel.TryGetValue(label, out var names))
                {
                    _byLabel[label] = names = new HashSet<string>(StringComparer.Ordinal);
                }

                names.Add(name);
            }

            return old;
        }
    }

    internal T? Remove(string name)
    {
        lock (_gate)
        {
            return RemoveLocked(name);
        }
    }

    private static string NameOf(T obj) =>
        obj.Metadata?.Name ?? throw new ArgumentException("Cached objects need metadata.name.", nameof(obj));

    private static IEnumerable<(string, string)> Labels(T obj) =>
        obj.Metadata?.Labels?.Select(l => (l.Key, l.Value)) ?? [];

    private T? RemoveLocked(string name)
    {
        if (!_byName.Remove(name, out var old))
        {
            return null;
        }

        foreach (var label in Labels(old))
        {
            if (_byLabel.TryGetValue(label, out var names) && names.Remove(name) && names.Count == 0)
            {
                _byLabel.Remove(label);
            }
        }

        return old;
    }
}
