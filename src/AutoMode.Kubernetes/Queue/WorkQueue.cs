namespace AutoMode.Kubernetes.Queue;

/// <summary>
/// client-go style work queue on a <see cref="TimeProvider"/>: de-duplicated waiting keys, never the same key to two
/// workers, re-queue on Done of keys added while processing, delayed adds on timers (earliest due time wins) and per-key
/// exponential backoff. After <see cref="ShutDown"/>, waiters and callers of <see cref="GetAsync"/> get null.
/// </summary>
public sealed class WorkQueue : IWorkQueue, IDisposable
{
    private readonly Lock _gate = new();
    private readonly JitteredBackoff _backoff;
    private readonly DelayedAdds _delayed;
    private readonly Queue<string> _ready = new();
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly LinkedList<Waiter> _waiters = new();
    private bool _shutDown;

    public WorkQueue(TimeProvider timeProvider, WorkQueueOptions? options = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new WorkQueueOptions();
        _backoff = new JitteredBackoff(options.BaseDelay, options.MaxDelay, options.JitterFraction, random ?? Random.Shared);
        _delayed = new DelayedAdds(timeProvider, _gate, AddLocked);
    }

    /// <summary>Keys ready to be handed out (not counting those being processed or delayed).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ready.Count;
            }
        }
    }

    /// <summary>Keys waiting on a delayed add (RequeueAfter or backoff).</summary>
    public int DelayedCount
    {
        get
        {
            lock (_gate)
            {
                return _delayed.Count;
            }
        }
    }

    /// <summary>Where the key is (for diagnostics): ready, dirty, processing, delayed until when, failures.</summary>
    public string Describe(string key)
    {
        lock (_gate)
        {
            var due = _delayed.DueOf(key);
            return $"ready={_ready.Contains(key)} dirty={_dirty.Contains(key)} processing={_processing.Contains(key)} delayed={due} " +
                $"failures={(_failures.TryGetValue(key, out var n) ? n : 0)}; queue: {_ready.Count} ready, {_processing.Count} processing ({string.Join(" ", _processing.Take(5))}), {_delayed.Count} delayed, {_waiters.Count} idle workers, shut down {_shutDown}";
        }
    }

    public void Add(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            AddLocked(key);
        }
    }

    public void AddAfter(string key, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_gate)
        {
            if (_shutDown)
            {
                return;
            }

            _delayed.Schedule(key, delay);
        }
    }

    public void Reschedule(string key, TimeSpan? delay)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _delayed.Cancel(key);
        }

        if (delay is { } after)
        {
            AddAfter(key, after);
        }
    }

    public void AddRateLimited(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        TimeSpan delay;
        lock (_gate)
        {
            var failures = _failures.TryGetValue(key, out var n) ? n + 1 : 1;
            _failures[key] = failures;
            delay = BackoffFor(failures);
        }

        AddAfter(key, delay);
    }

    public void Forget(string key)
    {
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>How many times the key has failed since it was last forgotten.</summary>
    public int NumRequeues(string key)
    {
        lock (_gate)
        {
            return _failures.TryGetValue(key, out var n) ? n : 0;
        }
    }

    public ValueTask<string?> GetAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_shutDown)
            {
                return ValueTask.FromResult<string?>(null);
            }

            if (_ready.TryDequeue(out var key))
            {
                MarkProcessingLocked(key);
                return ValueTask.FromResult<string?>(key);
            }

            var waiter = new Waiter();
            waiter.Node = _waiters.AddLast(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                // Registered under the (re-entrant) lock so a hand-off never races the registration.
                waiter.Registration = cancellationToken.Register(
                    static state =>
                    {
                        var (queue, w, token) = ((WorkQueue, Waiter, CancellationToken))state!;
                        queue.CancelWaiter(w, token);
                    },
                    (this, waiter, cancellationToken));
            }

            return new ValueTask<string?>(waiter.Completion.Task);
        }
    }

    public void Done(string key)
    {
        lock (_gate)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key) && !_shutDown)
            {
                EnqueueLocked(key);
            }
        }
    }

    public void ShutDown()
    {
        List<Waiter> waiters;
        lock (_gate)
        {
            if (_shutDown)
            {
                return;
            }

            _shutDown = true;
            _delayed.Clear();
            waiters = [.. _waiters];
            foreach (var waiter in waiters)
            {
                waiter.Node = null;
            }

            _waiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.Registration.Unregister();
            waiter.Completion.TrySetResult(null);
        }
    }

    public void Dispose() => ShutDown();

    internal TimeSpan BackoffFor(int failures) => _backoff.For(failures);

    private void AddLocked(string key)
    {
        if (_shutDown || !_dirty.Add(key))
        {
            return;
        }

        if (_processing.Contains(key))
        {
            // Re-queued by Done, so two workers never hold the same key.
            return;
        }

        EnqueueLocked(key);
    }

    private void EnqueueLocked(string key)
    {
        while (_waiters.First is { } node)
        {
            _waiters.RemoveFirst();
            var waiter = node.Value;
            waiter.Node = null;
            MarkProcessingLocked(key);
            if (waiter.Completion.TrySetResult(key))
            {
                // Unregister, not Dispose: Dispose would wait for a running cancel callback that needs this lock.
                waiter.Registration.Unregister();
                return;
            }

            _processing.Remove(key);
            _dirty.Add(key);
        }

        _ready.Enqueue(key);
    }

    private void MarkProcessingLocked(string key)
    {
        _dirty.Remove(key);
        _processing.Add(key);
    }

    private void CancelWaiter(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                return;
            }

            _waiters.Remove(waiter.Node);
            waiter.Node = null;
            waiter.Completion.TrySetCanceled(cancellationToken);
        }
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<string?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
