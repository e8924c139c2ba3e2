using AutoMode.Core.ThirdParty;
using AutoMode.Kubernetes.Informers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Benchmarks;

/// <summary>
/// The bench's own view of the server: a list + watch cache (the operator's informer type, on the bench's client) and
/// waiters for "these objects all satisfy a condition", re-checked only for the object each watch event carries.
/// </summary>
internal sealed class ObjectTracker<T> : IAsyncDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Informer<T> _informer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<Waiter> _waiters = [];
    private readonly Task _running;

    private ObjectTracker(IKubernetes client, ResourceDescriptor resource, string labelSelector)
    {
        _informer = new Informer<T>(client, resource, NullLogger.Instance, new InformerOptions { LabelSelector = labelSelector, ResyncPeriod = TimeSpan.Zero });
        _informer.Subscribe(OnEvent);
        _running = _informer.RunAsync(_stop.Token);
    }

    public IObjectStore<T> Store => _informer.Store;

    public static async Task<ObjectTracker<T>> StartAsync(IKubernetes client, ResourceDescriptor resource, string labelSelector, CancellationToken cancellationToken)
    {
        var tracker = new ObjectTracker<T>(client, resource, labelSelector);
        await tracker._informer.WaitForSyncAsync(cancellationToken);
        return tracker;
    }

    /// <summary>Completes when every named object exists and satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForAllAsync(IEnumerable<string> names, Func<T, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(names, condition);
        lock (_gate)
        {
            foreach (var name in waiter.Pending.ToList())
            {
                waiter.Check(name, Store.Get(name));
            }

            if (waiter.Pending.Count == 0)
            {
                return;
            }

            _waiters.Add(waiter);
        }

        try
        {
            await waiter.Completion.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            string example;
            lock (_gate)
            {
                example = string.Join(", ", waiter.Pending.Take(3));
            }

            throw new TimeoutException($"{waiter.Pending.Count} object(s) did not reach the condition within {timeout} (e.g. {example})");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped on purpose.
        }

        _stop.Dispose();
    }

    private void OnEvent(InformerEvent<T> e)
    {
        var name = e.Object.Metadata.Name;
        var current = e.Type == InformerEventType.Deleted ? null : e.New;
        lock (_gate)
        {
            foreach (var waiter in _waiters)
            {
                waiter.Check(name, current);
            }
        }
    }

    private sealed class Waiter(IEnumerable<string> names, Func<T, bool> condition)
    {
        public HashSet<string> Pending { get; } = new(names, StringComparer.Ordinal);

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Check(string name, T? current)
        {
            if (current is not null && Pending.Contains(name) && condition(current))
            {
                Pending.Remove(name);
                if (Pending.Count == 0)
                {
                    Completion.TrySetResult();
                }
            }
        }
    }
}
