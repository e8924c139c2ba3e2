using System.Text.Json.Nodes;
using AutoMode.Testing.Cel;

namespace AutoMode.Testing.Kube;

/// <summary>
/// The in-memory store behind <see cref="FakeApiServer"/>: objects, one global resourceVersion counter (like etcd),
/// managed fields, the bounded watch history, open watches and the request log. Every public member is thread-safe;
/// objects handed out are deep copies. Direct writes (<see cref="Put"/>, <see cref="Delete"/>, <see cref="SetStatus"/>)
/// go through the same code as HTTP writes, so they produce the same watch events.
/// </summary>
public sealed partial class FakeApiServerState
{
    /// <summary>Field manager recorded for writes made through the direct state API.</summary>
    public const string DirectManager = "fake-api-test";

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<FakeResourceType> _types = [];
    private readonly Dictionary<string, Dictionary<(string Namespace, string Name), StoredObject>> _objects = [];
    private readonly LinkedList<WatchEvent> _history = new();
    private readonly List<WatchSubscription> _watches = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<InjectedFault> _faults = [];
    private readonly List<Exception> _serverErrors = [];
    private readonly Dictionary<string, List<Func<JsonObject, JsonObject?>>> _onCreated = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _resourceVersion;
    private long _historyStart;
    private long _sequence;
    private long _generatedNames;

    internal FakeApiServerState(TimeProvider time)
    {
        _time = time;
        AddResource(string.Empty, "v1", "events", "Event", namespaced: true, hasStatusSubresource: false);
        AddResource("events.k8s.io", "v1", "events", "Event", namespaced: true, hasStatusSubresource: false);
        AddResource("coordination.k8s.io", "v1", "leases", "Lease", namespaced: true, hasStatusSubresource: false);
    }

    /// <summary>
    /// Garbage collection as kube-controller-manager's collector does it (FakeApiServerState.GarbageCollection.cs):
    /// dependents whose owners are all gone are deleted, propagationPolicy Orphan/Foreground honoured.
    /// </summary>
    public bool GarbageCollection { get; set; } = true;

    /// <summary>CRD CEL rules (x-kubernetes-validations) enforced on writes, per resource; none until a test adds a CRD.</summary>
    public CelAdmission Cel { get; } = new();

    /// <summary>The current global resourceVersion.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Snapshot of the request log since the last <see cref="ResetCounters"/>.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Snapshot of the faults injected since the last <see cref="ResetCounters"/>.</summary>
    public IReadOnlyList<InjectedFault> InjectedFaults
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults];
            }
        }
    }

    /// <summary>Unexpected exceptions the server turned into 500 responses (bugs in the fake); tests can assert it stays empty.</summary>
    public IReadOnlyList<Exception> ServerErrors
    {
        get
        {
            lock (_gate)
            {
                return [.. _serverErrors];
            }
        }
    }

    /// <summary>Write requests (create, update, patch, delete; any outcome, faulted or not) received for a plural.</summary>
    public int WritesFor(string plural)
    {
        lock (_gate)
        {
            return _requests.Count(r => r.IsWrite && r.Plural == plural);
        }
    }

    /// <summary>Clears the request log and fault log (sequence numbers keep growing).</summary>
    public void ResetCounters()
    {
        lock (_gate)
        {
            _requests.Clear();
            _faults.Clear();
            NotifyLocked();
        }
    }

    public FakeResourceType AddResource(string group, string version, string plural, string kind, bool namespaced = false, bool hasStatusSubresource = true)
    {
        var type = new FakeResourceType(group, version, plural, kind, namespaced, hasStatusSubresource);
        lock (_gate)
        {
            _types.RemoveAll(t => t.Key == type.Key);
            _types.Add(type);
        }

        return type;
    }

    public IReadOnlyList<FakeResourceType> ResourceTypes
    {
        get
        {
            lock (_gate)
            {
                return [.. _types];
            }
        }
    }

    /// <summary>Finds a type by <c>plural.group</c>, or by plural alone (first registered wins: "events" is core v1).</summary>
    public FakeResourceType ResolveType(string plural)
    {
        lock (_gate)
        {
            return ResolveTypeLocked(plural);
        }
    }

    private FakeResourceType ResolveTypeLocked(string plural) =>
        _types.Find(t => t.Key == plural)
        ?? _types.Find(t => t.Plural == plural)
        ?? throw new ArgumentException($"resource {plural} is not registered with the fake API server", nameof(plural));

    internal FakeResourceType? FindType(string group, string version, string plural)
    {
        lock (_gate)
        {
            return _types.Find(t => t.Group == group && t.Version == version && t.Plural == plural);
        }
    }

    /// <summary>Runs <paramref name="hook"/> on every object of <paramref name="plural"/> right after it is created; a non-null result is stored as a follow-up write (status included), producing a MODIFIED event.</summary>
    public void OnCreated(string plural, Func<JsonObject, JsonObject?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        lock (_gate)
        {
            var key = ResolveTypeLocked(plural).Key;
            if (!_onCreated.TryGetValue(key, out var hooks))
            {
                _onCreated[key] = hooks = [];
            }

            hooks.Add(hook);
        }
    }

    /// <summary>Waits until <paramref name="predicate"/> holds, re-checking on every state change or request (no polling).</summary>
    public async Task WaitForAsync(Func<FakeApiServerState, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (predicate(this))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"fake API server state did not reach the expected condition within {timeout}; last requests:\n{Tail()}");
            }
        }
    }

    /// <summary>
    /// Wakes every <see cref="WaitForAsync"/> to evaluate its predicate again. For predicates that also read state the
    /// server cannot see (the operator's memory, a fake AWS account): a change there that is followed by no request
    /// would otherwise leave the waiter asleep until its timeout.
    /// </summary>
    public void Wake()
    {
        lock (_gate)
        {
            NotifyLocked();
        }
    }

    internal long NextSequence()
    {
        lock (_gate)
        {
            return ++_sequence;
        }
    }

    internal void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
            NotifyLocked();
        }
    }

    internal void RecordServerError(Exception error)
    {
        lock (_gate)
        {
            _serverErrors.Add(error);
            NotifyLocked();
        }
    }

    internal void RecordFault(InjectedFault fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
            NotifyLocked();
        }
    }

    private void NotifyLocked()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private string Tail()
    {
        lock (_gate)
        {
            var tail = string.Join('\n', _requests.TakeLast(10).Select(r => $"  {r.Method} {r.Path}{r.Query} -> {r.StatusCode} {r.Fault}"));
            return _serverErrors.Count == 0 ? tail : tail + $"\nfake server errors:\n  {string.Join("\n  ", _serverErrors.Select(e => e.ToString()))}";
        }
    }
}
