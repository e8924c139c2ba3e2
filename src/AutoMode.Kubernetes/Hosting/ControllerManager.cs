using AutoMode.Kubernetes.Controllers;
using AutoMode.Kubernetes.Informers;
using AutoMode.Kubernetes.LeaderElection;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.Hosting;

/// <summary>
/// Runs the runtime: informers on every replica (so caches are warm and /readyz is meaningful everywhere), controllers
/// only while this replica leads. Shutdown order: controllers stop (in-flight reconciles cancelled, queues shut), then
/// informers end.
/// </summary>
public sealed class ControllerManager(ILogger<ControllerManager> logger, LeaderElectionRunner? leaderElection = null) : IHealthState
{
    private readonly List<IInformer> _informers = [];
    private readonly List<Controller> _controllers = [];
    private volatile bool _ready;
    private volatile bool _crashed;
    private int _started;

    public bool IsReady => _ready;

    public bool IsLive => !_crashed;

    /// <summary>True while controllers run (always, once synced, without leader election).</summary>
    public bool IsLeading => leaderElection?.IsLeader ?? _ready;

    public IReadOnlyList<IInformer> Informers => _informers;

    public IReadOnlyList<Controller> Controllers => _controllers;

    public void AddInformer(IInformer informer)
    {
        ArgumentNullException.ThrowIfNull(informer);
        EnsureNotStarted();
        _informers.Add(informer);
    }

    public void AddController(Controller controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        EnsureNotStarted();
        _controllers.Add(controller);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or leadership is lost.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("A ControllerManager runs once.");
        }

        using var informersCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var informers = _informers.Select(i => RunInformerAsync(i, informersCts.Token)).ToList();
        try
        {
            await Task.WhenAll(_informers.Select(i => i.WaitForSyncAsync(cancellationToken)));
            _ready = true;
            logger.LogInformation("{Count} informer caches synced", _informers.Count);
            if (leaderElection is null)
            {
                await RunControllersAsync(cancellationToken);
            }
            else
            {
                await leaderElection.RunAsync(RunControllersAsync, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        finally
        {
            _ready = false;
            await informersCts.CancelAsync();
            await Task.WhenAll(informers);
            logger.LogInformation("Controller manager stopped");
        }
    }

    private async Task RunControllersAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Starting {Count} controllers", _controllers.Count);
        await Task.WhenAll(_controllers.Select(c => c.RunAsync(cancellationToken)));
    }

    private async Task RunInformerAsync(IInformer informer, CancellationToken cancellationToken)
    {
        try
        {
            await informer.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        catch (Exception ex)
        {
            _crashed = true;
            logger.LogCritical(ex, "Informer {Informer} crashed", informer.Name);
        }
    }

    private void EnsureNotStarted()
    {
        if (Volatile.Read(ref _started) == 1)
        {
            throw new InvalidOperationException("Register informers and controllers before RunAsync.");
        }
    }
}
