using System.Globalization;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.Events;

/// <summary>
/// Records core/v1 Events without ever blocking or failing a reconcile: <see cref="Record"/> de-duplicates and queues,
/// one background sender writes to the API, and send failures are only logged.
/// </summary>
public sealed class KubernetesEventRecorder : IEventRecorder, IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly ILogger _logger;
    private readonly EventRecorderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<Corev1Event> _pending;
    private readonly Dictionary<(string Object, string Type, string Reason, string Message), DateTimeOffset> _lastSent = [];
    private readonly Lock _gate = new();
    private readonly Task _sender;
    private long _sequence;

    public KubernetesEventRecorder(IKubernetes client, ILogger<KubernetesEventRecorder> logger, EventRecorderOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _logger = logger;
        _options = options ?? new EventRecorderOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _pending = Channel.CreateBounded<Corev1Event>(new BoundedChannelOptions(_options.Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _sender = Task.Run(SendAllAsync);
    }

    public void Record(V1ObjectReference involvedObject, EventKind kind, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(involvedObject);
        var now = _timeProvider.GetUtcNow();
        var identity = involvedObject.Uid ?? $"{involvedObject.Kind}/{involvedObject.NamespaceProperty}/{involvedObject.Name}";
        var key = (identity, kind.ToString(), reason, message);
        lock (_gate)
        {
            if (_lastSent.TryGetValue(key, out var last) && now - last < _options.DedupeWindow)
            {
                return;
            }

            _lastSent[key] = now;
            if (_lastSent.Count > 4 * _options.Capacity)
            {
                foreach (var expired in _lastSent.Where(e => now - e.Value >= _options.DedupeWindow).Select(e => e.Key).ToList())
                {
                    _lastSent.Remove(expired);
                }
            }
        }

        var ns = string.IsNullOrEmpty(involvedObject.NamespaceProperty) ? _options.ClusterScopedNamespace : involvedObject.NamespaceProperty;
        var suffix = string.Create(CultureInfo.InvariantCulture, $"{now.ToUnixTimeMilliseconds():x}{Interlocked.Increment(ref _sequence):x}");
        var created = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{involvedObject.Name}.{suffix}", NamespaceProperty = ns },
            InvolvedObject = involvedObject,
            Type = kind.ToString(),
            Reason = reason,
            Message = message,
            Source = new V1EventSource { Component = _options.ReportingComponent },
            ReportingComponent = _options.ReportingComponent,
            ReportingInstance = _options.ReportingInstance,
            FirstTimestamp = now.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
            Count = 1,
        };
        if (!_pending.Writer.TryWrite(created))
        {
            _logger.LogWarning("Event queue full; dropped {Type} event {Reason} for {Name}", created.Type, reason, involvedObject.Name);
        }
    }

    /// <summary>Stops accepting events and waits until the queued ones have been sent (or failed).</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _sender;
    }

    private async Task SendAllAsync()
    {
        await foreach (var e in _pending.Reader.ReadAllAsync())
        {
            try
            {
                Telemetry.ApiWrites.Add(1, new KeyValuePair<string, object?>("resource", "events"), new KeyValuePair<string, object?>("verb", "create"));
                await _client.CoreV1.CreateNamespacedEventAsync(e, e.Metadata.NamespaceProperty);
            }
            catch (Exception ex)
            {
                // Events are best effort by design; the condition on the object carries the same information.
                _logger.LogWarning(ex, "Could not record {Type} event {Reason} for {Name}", e.Type, e.Reason, e.InvolvedObject.Name);
            }
        }
    }
}
