using System.Globalization;

namespace AutoMode.Kubernetes.Queue;

/// <summary>
/// The work queue's delayed adds: one timer per waiting key, the earliest due time wins. Guarded by the queue's lock:
/// the queue calls every member while holding it, and a timer that fires takes it before handing the key to
/// <c>addLocked</c>.
/// </summary>
internal sealed class DelayedAdds(TimeProvider timeProvider, Lock gate, Action<string> addLocked)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public string DueOf(string key) =>
        _entries.TryGetValue(key, out var entry) ? entry.Due.ToString("O", CultureInfo.InvariantCulture) : "none";

    /// <summary>Adds the key after <paramref name="delay"/>, unless it is already due as early or earlier.</summary>
    public void Schedule(string key, TimeSpan delay)
    {
        var due = timeProvider.GetUtcNow() + delay;
        if (_entries.TryGetValue(key, out var existing))
        {
            if (existing.Due <= due)
            {
                return;
            }

            existing.Timer?.Dispose();
        }

        var entry = new Entry(due);
        _entries[key] = entry;
        // One timer per waiting key: no polling loop, and the fake clock in tests fires it exactly at its due time.
        // A TimeProvider may run the callback inside CreateTimer, on this thread (the lock is re-entrant): a fake
        // clock advanced by another thread meanwhile does. The entry is then already gone and its timer is spent.
        var timer = timeProvider.CreateTimer(static state => ((Fire)state!).Run(), new Fire(this, key, entry), delay, Timeout.InfiniteTimeSpan);
        entry.Timer = timer;
        if (!_entries.TryGetValue(key, out var current) || !ReferenceEquals(current, entry))
        {
            timer.Dispose();
        }
    }

    public void Cancel(string key)
    {
        if (_entries.Remove(key, out var existing))
        {
            existing.Timer?.Dispose();
        }
    }

    public void Clear()
    {
        foreach (var entry in _entries.Values)
        {
            entry.Timer?.Dispose();
        }

        _entries.Clear();
    }

    private void OnDue(string key, Entry entry)
    {
        lock (gate)
        {
            if (!_entries.TryGetValue(key, out var current) || !ReferenceEquals(current, entry))
            {
                return;
            }

            _entries.Remove(key);
            entry.Timer?.Dispose();
            addLocked(key);
        }
    }

    private sealed class Entry(DateTimeOffset due)
    {
        public DateTimeOffset Due { get; } = due;

        /// <summary>Null only while CreateTimer runs.</summary>
        public ITimer? Timer { get; set; }
    }

    private sealed record Fire(DelayedAdds Owner, string Key, Entry Entry)
    {
        public void Run() => Owner.OnDue(Key, Entry);
    }
}
