using AutoMode.Kubernetes.Events;
using AutoMode.Kubernetes.Http;
using AutoMode.Operator.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Benchmarks;

/// <summary>
/// The real operator composition (<see cref="OperatorRuntime"/>, as `run` builds it: retrying client, event recorder,
/// no leader election, no AWS) in this process, with a <see cref="RequestCounter"/> innermost in its client.
/// </summary>
internal sealed class OperatorUnderTest : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly k8s.Kubernetes _client;
    private readonly KubernetesEventRecorder _events;
    private readonly Task _running;
    private int _disposed;

    public OperatorUnderTest(BenchTarget target, int workers)
    {
        Requests = new RequestCounter();
        _client = new k8s.Kubernetes(target.Configuration(), new RetryHandler(), Requests);
        _events = new KubernetesEventRecorder(_client, NullLogger<KubernetesEventRecorder>.Instance, new EventRecorderOptions { ReportingInstance = "automode-bench" });
        var options = new RunOptions { LeaderElect = false, Workers = workers, PodName = "automode-bench" };
        Runtime = new OperatorRuntime(_client, _client, options, null, null, _events, TimeProvider.System, NullLoggerFactory.Instance, static () => { });
        _running = Runtime.RunAsync(_stop.Token);
    }

    public OperatorRuntime Runtime { get; }

    public RequestCounter Requests { get; }

    /// <summary>Waits for the caches to sync (readiness), as /readyz would report.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!Runtime.IsReady)
        {
            if (_running.IsCompleted)
            {
                await _running;
            }

            // Readiness is an in-process flag, not something the server can signal.
            await Task.Delay(5, deadline.Token);
        }
    }

    /// <summary>
    /// Waits until the operator has nothing left to do: no key queued, no reconcile finished and no request sent for
    /// <paramref name="quiet"/> (events are sent in the background, so requests are watched too).
    /// </summary>
    public async Task WaitIdleAsync(ReconcileCounter reconciles, TimeSpan quiet, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var step = TimeSpan.FromMilliseconds(50);
        var stableFor = TimeSpan.Zero;
        (long, long) last = (-1, -1);
        while (stableFor < quiet)
        {
            await Task.Delay(step, deadline.Token);
            var now = (reconciles.Count, Requests.Snapshot().Values.Sum());
            stableFor = Runtime.PendingClassKeys == 0 && now == last ? stableFor + step : TimeSpan.Zero;
            last = now;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped on purpose.
        }

        await Runtime.DisposeAsync();
        await _events.DisposeAsync();
        _client.Dispose();
        _stop.Dispose();
    }
}
