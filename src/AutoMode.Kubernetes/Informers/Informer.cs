using System.Diagnostics.CodeAnalysis;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.Informers;

/// <summary>
/// List-then-watch cache of one cluster-scoped kind (the client has no informer). Lists page by page, then watches
/// from the list's resourceVersion with bookmarks; on 410 Gone it relists and delivers vanished objects as deletions;
/// when a stream ends or fails it reconnects from the last resourceVersion after a jittered, capped backoff. A periodic
/// resync re-delivers the cache from memory. Objects with an unchanged resourceVersion are never re-delivered as updates.
/// </summary>
public sealed class Informer<T> : IInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubernetes _client;
    private readonly ResourceDescriptor _resource;
    private readonly InformerOptions _options;
    private readonly Func<T, T>? _transform;
    private readonly ListItemReader<T>? _listItemReader;
    private int _relistRequested;
    private CancellationTokenSource? _currentWatch;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly ObjectStore<T> _store = new();
    private readonly Lock _dispatchGate = new();
    private readonly List<Action<InformerEvent<T>>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _resourceVersion;

    public Informer(
        IKubernetes client,
        ResourceDescriptor resource,
        ILogger logger,
        InformerOptions? options = null,
        Func<T, T>? transform = null,
        TimeProvider? timeProvider = null,
        Random? random = null,
        ListItemReader<T>? listItemReader = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _resource = resource;
        _logger = logger;
        _options = options ?? new InformerOptions();
        _transform = transform;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        _listItemReader = listItemReader;
    }

    public string Name => _resource.Group.Length == 0 ? _resource.Plural : $"{_resource.Plural}.{_resource.Group}";

    public IObjectStore<T> Store => _store;

    public bool HasSynced => _store.HasSynced;

    /// <summary>The resourceVersion the next watch resumes from (last list, event or bookmark).</summary>
    public string? LastResourceVersion => Volatile.Read(ref _resourceVersion);

    /// <summary>Registers a handler; it is called serially (one event at a time, in order) and must be quick (enqueue keys).</summary>
    public IDisposable Subscribe(Action<InformerEvent<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatchGate)
        {
            _handlers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Ends the current watch and lists again. For a caller that saw the API server hold a newer object than the cache:
    /// a watch should never lose an event, but a cache that is behind would otherwise stay behind until the next 410.
    /// </summary>
    public void RequestRelist()
    {
        Interlocked.Exchange(ref _relistRequested, 1);
        try
        {
            Volatile.Read(ref _currentWatch)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That watch has just ended; the loop sees the request before the next one.
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var resync = _options.ResyncPeriod > TimeSpan.Zero
            ? _timeProvider.CreateTimer(static state => ((Informer<T>)state!).Resync(), this, _options.ResyncPeriod, _options.ResyncPeriod)
            : null;
        var needList = true;
        var failures = 0;
        TimeSpan? retryDelay = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (Interlocked.Exchange(ref _relistRequested, 0) == 1)
                {
                    needList = true;
                }

                if (needList)
                {
                    await ListAsync(cancellationToken);
                    needList = false;
                }

                var outcome = await WatchAsync(cancellationToken);
                if (Volatile.Read(ref _relistRequested) == 1)
                {
                    _logger.LogInformation("Relisting {Resource}: a reader found the API server ahead of the cache", Name);
                    continue;
                }

                if (outcome == WatchOutcome.Gone)
                {
                    _logger.LogInformation("Watch of {Resource} expired (410 Gone); relisting", Name);
                    needList = true;
                    continue;
                }

                failures = outcome == WatchOutcome.EndedAfterEvents ? 0 : failures + 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Gone)
            {
                _logger.LogInformation("Watch of {Resource} refused with 410 Gone; relisting", Name);
                needList = true;
                continue;
            }
            catch (Exception ex)
            {
                failures++;
                retryDelay = Backoff(failures);
                LogFailure(ex, needList ? "List" : "Watch", retryDelay.Value);
            }

            try
            {
                // The delay just logged, not a fresh draw of the jitter.
                await Task.Delay(retryDelay ?? Backoff(Math.Max(failures, 1)), _timeProvider, cancellationToken);
                retryDelay = null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>
    /// One line per failed attempt with the cause and the next delay; the stack trace only at Debug. A server that is
    /// down for minutes otherwise fills the log with kilobytes per informer per retry, hiding what matters.
    /// </summary>
    private void LogFailure(Exception error, string operation, TimeSpan retryIn)
    {
        _logger.LogWarning("{Operation} of {Resource} failed: {Cause}; retrying in {RetryIn}", operation, Name, FailureCause.Describe(error), FailureCause.Delay(retryIn));
        _logger.LogDebug(error, "{Operation} of {Resource} failed", operation, Name);
    }

    internal TimeSpan Backoff(int attempt)
    {
        var step = _options.MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var ms = Math.Min(step + (step * _options.JitterFraction * NextRandom()), _options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        // Scoped to this method's async flow: restored for the caller when it returns.
        ListItemReaderScope<T>.Use(_listItemReader);
        var items = new List<T>();
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        string? continueToken = null;
        string? resourceVersion;
        do
        {
            using var response = await _client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<ObjectList<ListItem<T>>>(
                _resource.Group,
                _resource.Version,
                _resource.Plural,
                continueParameter: continueToken,
                labelSelector: _options.LabelSelector,
                limit: _options.PageSize,
                cancellationToken: cancellationToken);
            var page = response.Body ?? throw new InvalidOperationException($"Empty list response for {Name}");
            foreach (var item in page.Items ?? [])
            {
                if (item.Value?.Metadata?.Name is { Length: > 0 })
                {
                    items.Add(Transform(item.Value));
                }
                else if (item.ErrorPath is not null)
                {
                    _logger.LogWarning("Skipping {Resource} {Name} from the list: it cannot be decoded at {Path}", Name, item.Name, item.ErrorPath);
                    if (item.Name is not null)
                    {
                        unreadable.Add(item.Name);
                    }
                }
            }

            resourceVersion = page.Metadata?.ResourceVersion;
            continueToken = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));

        var (added, updated, deleted) = Replace(items, unreadable);
        Volatile.Write(ref _resourceVersion, resourceVersion);
        _store.MarkSynced();
        _synced.TrySetResult();
        _logger.LogInformation(
            "Listed {Count} {Resource} at resourceVersion {ResourceVersion} ({Added} added, {Updated} updated, {Deleted} deleted)",
            items.Count,
            Name,
            resourceVersion,
            added,
            updated,
            deleted);
    }

    private async Task<WatchOutcome> WatchAsync(CancellationToken cancellationToken)
    {
        using var watchCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Volatile.Write(ref _currentWatch, watchCts);
        var gone = false;
        Exception? streamError = null;
        var events = 0;
        var timeout = (int)(_options.WatchTimeout.TotalSeconds * (1 + NextRandom()));
        var response = _client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
            _resource.Group,
            _resource.Version,
            _resource.Plural,
            allowWatchBookmarks: true,
            labelSelector: _options.LabelSelector,
            resourceVersion: LastResourceVersion,
            timeoutSeconds: Math.Max(timeout, 1),
            watch: true,
            cancellationToken: watchCts.Token);

        void OnError(Exception ex)
        {
            switch (ex)
            {
                case KubernetesException { Status.Code: (int)HttpStatusCode.Gone }:
                    gone = true;
                    watchCts.Cancel();
                    break;
                case KubernetesException:
                    streamError = ex;
                    watchCts.Cancel();
                    break;
                default:
                    // One undecodable line must not cost the whole stream; the next relist or resync covers it.
                    _logger.LogWarning("Skipping an undecodable watch event for {Resource}: {Cause}", Name, FailureCause.Describe(ex));
                    _logger.LogDebug(ex, "Undecodable watch event for {Resource}", Name);
                    break;
            }
        }

        try
        {
            // The non-obsolete WatchListClusterCustomObjectAsync yields untyped objects for custom resources;
            // this overload decodes each line straight into T. Revisit when the client removes it.
#pragma warning disable CS0618
            var stream = response.WatchAsync<T, object>(OnError, watchCts.Token);
#pragma warning restore CS0618
            await foreach (var (type, obj) in stream)
            {
                events++;
                if (!Apply(type, obj))
                {
                    streamError = new InvalidOperationException($"Watch of {Name} sent an ERROR event");
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (watchCts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Cancelled from OnError or by RequestRelist: classified below and by the caller.
        }
        catch (IOException ended) when (!watchCts.IsCancellationRequested)
        {
            // The connection closed under an open stream (the server's or a proxy's timeout, a server going away after
            // the response began): the watch is over, which is normal; the loop reconnects from the last resourceVersion.
            // A server that cannot be reached fails before the stream starts (HttpRequestException) and is logged as such.
            _logger.LogDebug("Watch of {Resource} ended after {Events} event(s): {Cause}", Name, events, FailureCause.Describe(ended));
        }
        finally
        {
            Interlocked.CompareExchange(ref _currentWatch, null, watchCts);
        }

        if (gone)
        {
            return WatchOutcome.Gone;
        }

        if (streamError is not null)
        {
            _logger.LogWarning("Watch of {Resource} failed: {Cause}; reconnecting from resourceVersion {ResourceVersion}", Name, FailureCause.Describe(streamError), LastResourceVersion);
            _logger.LogDebug(streamError, "Watch of {Resource} failed", Name);
            return WatchOutcome.Failed;
        }

        return events > 0 ? WatchOutcome.EndedAfterEvents : WatchOutcome.EndedEmpty;
    }

    /// <summary>Applies one watch event; false for an ERROR event that is not a Status.</summary>
    private bool Apply(WatchEventType type, T obj)
    {
        switch (type)
        {
            case WatchEventType.Bookmark:
                Volatile.Write(ref _resourceVersion, obj.Metadata?.ResourceVersion ?? _resourceVersion);
                return true;
            case WatchEventType.Added or WatchEventType.Modified:
                {
                    var current = Transform(obj);
                    lock (_dispatchGate)
                    {
                        var old = _store.Get(current.Metadata.Name);
                        if (old is null || !SameVersion(old, current))
                        {
                            _store.Upsert(current);
                            Dispatch(old is null ? new InformerEvent<T>(InformerEventType.Added, null, current) : new InformerEvent<T>(InformerEventType.Updated, old, current));
                        }

                        Volatile.Write(ref _resourceVersion, current.Metadata.ResourceVersion);
                    }

                    return true;
                }

            case WatchEventType.Deleted:
                {
                    var last = Transform(obj);
                    lock (_dispatchGate)
                    {
                        var old = _store.Remove(last.Metadata.Name);
                        Dispatch(new InformerEvent<T>(InformerEventType.Deleted, old ?? last, null));
                        Volatile.Write(ref _resourceVersion, last.Metadata.ResourceVersion);
                    }

                    return true;
                }

            default:
                return false;
        }
    }

    /// <param name="items">What the list returned, decoded.</param>
    /// <param name="unreadable">Names listed but not decodable: still present, so their cached version stays.</param>
    private (int Added, int Updated, int Deleted) Replace(List<T> items, HashSet<string> unreadable)
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

        return (added, updated, deleted);
    }

    private void Resync()
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
                _logger.LogError(ex, "Informer handler for {Resource} failed on {Event} of {Name}", Name, e.Type, e.Object.Metadata?.Name);
            }
        }
    }

    private T Transform(T obj) => _transform is null ? obj : _transform(obj);

    private static bool SameVersion(T a, T b) =>
        a.Metadata.ResourceVersion is { Length: > 0 } rv && rv == b.Metadata.ResourceVersion;

    [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Jitter, not security.")]
    private double NextRandom() => _random.NextDouble();

    private void Unsubscribe(Action<InformerEvent<T>> handler)
    {
        lock (_dispatchGate)
        {
            _handlers.Remove(handler);
        }
    }

    private enum WatchOutcome
    {
        EndedAfterEvents,
        EndedEmpty,
        Failed,
        Gone,
    }

    private sealed class Subscription(Informer<T> informer, Action<InformerEvent<T>> handler) : IDisposable
    {
        public void Dispose() => informer.Unsubscribe(handler);
    }
}
