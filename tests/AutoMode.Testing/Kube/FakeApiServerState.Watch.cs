using System.Globalization;

namespace AutoMode.Testing.Kube;

/// <summary>The watch half: open streams, the bounded event history, bookmarks and test controls over streams.</summary>
public sealed partial class FakeApiServerState
{
    /// <summary>Events retained for watch replay; a watch from an older resourceVersion gets 410 Expired.</summary>
    public int HistoryLimit { get; set; } = 100_000;

    /// <summary>Send a BOOKMARK at the start of every watch that allows bookmarks.</summary>
    public bool BookmarkOnWatchStart { get; set; }

    public int OpenWatchCount
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>Open watch streams on one resource plural.</summary>
    public int OpenWatchesFor(string plural)
    {
        lock (_gate)
        {
            var type = ResolveTypeLocked(plural);
            return _watches.Count(w => w.Type == type);
        }
    }

    /// <summary>Sends a BOOKMARK with the current resourceVersion to every watch that allowed bookmarks.</summary>
    public void SendBookmarks()
    {
        lock (_gate)
        {
            foreach (var watch in _watches.Where(w => w.Bookmarks))
            {
                watch.SendBookmark(_resourceVersion);
            }
        }
    }

    /// <summary>Closes every open watch stream (the server ends each response cleanly).</summary>
    public void DropWatches()
    {
        lock (_gate)
        {
            foreach (var watch in _watches)
            {
                watch.Close();
            }

            _watches.Clear();
            NotifyLocked();
        }
    }

    /// <summary>Compacts history: a watch from any resourceVersion older than the current one gets 410 Expired.</summary>
    public void ExpireHistory()
    {
        lock (_gate)
        {
            _history.Clear();
            _historyStart = _resourceVersion;
        }
    }

    /// <summary>Opens a watch; throws a 410 FakeApiException when <paramref name="resourceVersion"/> is older than the retained history.</summary>
    internal WatchSubscription OpenWatch(FakeResourceType type, string? ns, LabelSelector? labels, FieldSelector? fields, string? resourceVersion, bool bookmarks)
    {
        var watch = new WatchSubscription(type, ns, labels, fields, bookmarks);
        lock (_gate)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var stored in Select(type, ns).Where(o => fields is null || fields.Matches(o.Namespace, o.Name)))
                {
                    watch.SendAdded(stored);
                }
            }
            else
            {
                if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                {
                    throw FakeApiException.BadRequest($"invalid resourceVersion {resourceVersion}");
                }

                if (from < _historyStart)
                {
                    throw new FakeApiException(410, "Expired", $"too old resource version: {from} ({_historyStart + 1})");
                }

                foreach (var e in _history.Where(e => e.ResourceVersion > from))
                {
                    watch.Offer(e);
                }
            }

            if (bookmarks && BookmarkOnWatchStart)
            {
                watch.SendBookmark(_resourceVersion);
            }

            _watches.Add(watch);
            NotifyLocked();
        }

        return watch;
    }

    internal void CloseWatch(WatchSubscription watch)
    {
        lock (_gate)
        {
            watch.Close();
            if (_watches.Remove(watch))
            {
                NotifyLocked();
            }
        }
    }

    internal void CloseAllWatches() => DropWatches();

    private void Emit(string eventType, StoredObject stored, StoredObject? previous)
    {
        // History keeps JSON text and labels only, so superseded object trees can be collected.
        var e = new WatchEvent(_resourceVersion, eventType, stored.Type, stored.Namespace, stored.Name, stored.Labels, previous is not null, previous?.Labels, stored.Json);
        _history.AddLast(e);
        while (_history.Count > Math.Max(0, HistoryLimit))
        {
            _historyStart = _history.First!.Value.ResourceVersion;
            _history.RemoveFirst();
        }

        if (HistoryLimit <= 0)
        {
            _historyStart = _resourceVersion;
        }

        foreach (var watch in _watches)
        {
            watch.Offer(e);
        }

        NotifyLocked();
    }
}
