using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.Informers;

/// <summary>
/// An informer's cache and its fan-out: applies list results and watch events to the store, tells subscribers what
/// changed (serially, under one lock, in order) and remembers the resourceVersion the next watch resumes from.
/// Objects with an unchanged resourceVersion are never re-delivered as updates.
/// </summary>
internal sealed class InformerCache<T>(string name, ILogger logger)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ObjectStore<T> _store = new();
    private readonly Lock _dispatchGate = new();
    private readonly List<Action<InformerEvent<T>>> _handlers = [];
    private string? _resourceVersion;

    public ObjectStore<T> Store => _store;

    /// <summary>The resourceVersion the next watch resumes from (last list, event or bookmark).</summary>
    public string? ResourceVersion => Volatile.Read(ref _resourceVersion);

    public IDisposable Subscribe(Action<InformerEvent<T>> handler)
    {
        lock (_dispatchGate)
        {
            _handlers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    /// <summary>Applies one watch event (already transformed); false for an ERROR event that is not a Status.</summary>
    public bool Apply(WatchEventType type, T obj)
    {
        switch (type)
        {
            case WatchEventType.Bookmark:
                Volatile.Write(ref _resourceVersion, obj.Metadata?.ResourceVersion ?? _resourceVersion);
                return true;
            case WatchEventType.Added or WatchEventType.Modified:
                lock (_dispatchGate)
                {
                    var old = _store.Get(obj.Metadata.Name);
                    if (old is null || !SameVersion(old, obj))
                    {
                        _store.Upsert(obj);
                        Dispatch(old is null ? new InformerEvent<T>(InformerEventType.Added, null, obj) : new InformerEvent<T>(InformerEventType.Updated, old, obj));
                    }

                    Volatile.Write(ref _resourceVersion, obj.Metadata.ResourceVersion);
                }

                return true;
            case WatchEventType.Deleted:
                lock (_dispatchGate)
                {
                    var old = _store.Remove(obj.Metadata.Name);
                    Dispatch(new InformerEvent<T>(InformerEventType.Deleted, old ?? obj, null));
                    Volatile.Write(ref _resourceVersion, obj.Metadata.ResourceVersion);
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Replaces the cache with a full list and marks it synced.</summary>
    /// <param name="items">What the list returned, decoded.</param>
    /// <param name="unreadable">Names listed but not decodable: still present, so their cached version stays.</param>
    /// <param name="resourceVersion">The list's resourceVersion.</param>
    public (int Added, int Updated, int Deleted) Replace(List<T> items, HashSet<string> unreadable, string? resourceVersion)
    {
        int added = 0, updated = 0, deleted = 0;
        lock (_dispatchGate)
        {
            var listed = new HashSet<string>(unreadable, StringComparer.Ordinal);
            foreach (var item in items)
            {
                listed.Add(item.Metadata.Name);
                var old = _store.Get(item.Metadata.Name);
                if (old is not null && SameVersion(old, item))
                {
                    continue;
                }

                _store.Upsert(item);
                if (old is null)
                {
                    added++;
                    Dispatch(new InformerEvent<T>(InformerEventType.Added, null, item));
                }
                else
                {
                    updated++;
                    Dispatch(new InformerEvent<T>(InformerEventType.Updated, old, item));
                }
            }

            foreach (var stale in _store.List().Where(o => !listed.Contains(o.Metadata.Name)))
            {
                // Deleted while no watch was open (or while the history was compacted): the relist is the only witness.
                _store.Remove(stale.Metadata.Name);
                deleted++;
                Dispatch(new InformerEvent<T>(InformerEventType.Deleted, stale, null));
            }
        }

        Volatile.Write(ref _resourceVersion, resourceVersion);
        _store.MarkSynced();
        return (added, updated, deleted);
    }

    /// <summary>Re-delivers every cached object from memory (once the first list is in).</summary>
    public void Resync()
    {
        if (!_store.HasSynced)
        {
            return;
        }

        lock (_dispatchGate)
        {
            foreach (var obj in _store.List())
            {
                Dispatch(new InformerEvent<T>(InformerEventType.Resync, obj, obj));
            }
        }
    }

    private void Dispatch(InformerEvent<T> e)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                handler(e);
            }
            catch (Exception ex)
            {
                // A faulty handler must not stop the cache from following the server.
                logger.LogError(ex, "Informer handler for {Resource} failed on {Event} of {Name}", name, e.Type, e.Object.Metadata?.Name);
            }
        }
    }

    private static bool SameVersion(T a, T b) =>
        a.Metadata.ResourceVersion is { Length: > 0 } rv && rv == b.Metadata.ResourceVersion;

    private void Unsubscribe(Action<InformerEvent<T>> handler)
    {
        lock (_dispatchGate)
        {
            _handlers.Remove(handler);
        }
    }

    private sealed class Subscription(InformerCache<T> cache, Action<InformerEvent<T>> handler) : IDisposable
    {
        public void Dispose() => cache.Unsubscribe(handler);
    }
}
