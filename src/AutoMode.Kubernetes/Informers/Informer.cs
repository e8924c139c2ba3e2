using System.Net;
using AutoMode.Kubernetes.Queue;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.Informers;

/// <summary>
/// List-then-watch cache of one cluster-scoped kind (the client has no informer). Lists page by page, then watches
/// from the list's resourceVersion with bookmarks; on 410 Gone it relists and delivers vanished objects as deletions;
/// when a stream ends or fails it reconnects from the last resourceVersion after a jittered, capped backoff. A periodic
/// resync re-delivers the cache from memory. This file is the list/watch loop; <see cref="InformerCache{T}"/> holds
/// the objects and tells subscribers what changed.
/// </summary>
public sealed class Informer<T> : IInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubernetes _client;
    private readonly ResourceDescriptor _resource;
    private readonly InformerOptions _options;
    private readonly Func<T, T>? _transform;
    private readonly PagedList<T> _pagedList;
    private int _relistRequested;
    private CancellationTokenSource? _currentWatch;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly JitteredBackoff _backoff;
    private readonly InformerCache<T> _cache;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
        _backoff = new JitteredBackoff(_options.MinBackoff, _options.MaxBackoff, _options.JitterFraction, random ?? Random.Shared);
        _pagedList = new PagedList<T>(client, resource, _options, listItemReader, Name, logger);
        _cache = new InformerCache<T>(Name, logger);
    }

    public string Name => _resource.Group.Length == 0 ? _resource.Plural : $"{_resource.Plural}.{_resource.Group}";

    public IObjectStore<T> Store => _cache.Store;

    public bool HasSynced => _cache.Store.HasSynced;

    /// <summary>The resourceVersion the next watch resumes from (last list, event or bookmark).</summary>
    public string? LastResourceVersion => _cache.ResourceVersion;

    /// <summary>Registers a handler; it is called serially (one event at a time, in order) and must be quick (enqueue keys).</summary>
    public IDisposable Subscribe(Action<InformerEvent<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return _cache.Subscribe(handler);
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
            ? _timeProvider.CreateTimer(static state => ((InformerCache<T>)state!).Resync(), _cache, _options.ResyncPeriod, _options.ResyncPeriod)
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

    private TimeSpan Backoff(int attempt) => _backoff.For(attempt);

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var (listed, unreadable, resourceVersion) = await _pagedList.ReadAsync(cancellationToken);
        var items = listed.ConvertAll(Transform);
        var (added, updated, deleted) = _cache.Replace(items, unreadable, resourceVersion);
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
        var timeout = (int)(_options.WatchTimeout.TotalSeconds * (1 + _backoff.NextRandom()));
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
                if (!_cache.Apply(type, type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted ? Transform(obj) : obj))
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

    private T Transform(T obj) => _transform is null ? obj : _transform(obj);

    private enum WatchOutcome
    {
        EndedAfterEvents,
        EndedEmpty,
        Failed,
        Gone,
    }
}
