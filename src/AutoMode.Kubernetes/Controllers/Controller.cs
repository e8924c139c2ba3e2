using System.Diagnostics;
using AutoMode.Kubernetes.Queue;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.Controllers;

/// <summary>
/// Runs a bounded number of workers over a work queue, calling the reconciler once per key at a time.
/// Success forgets the key's backoff (and schedules RequeueAfter); an exception re-adds it with backoff.
/// The name is the dotted controller id used for the span name, metric tag and log scope.
/// </summary>
public sealed class Controller
{
    private readonly IReconciler _reconciler;
    private readonly ILogger _logger;
    private readonly ControllerOptions _options;
    private readonly TimeProvider _timeProvider;

    public Controller(string name, IReconciler reconciler, IWorkQueue queue, ILogger logger, ControllerOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(reconciler);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(logger);
        Name = name;
        Queue = queue;
        _reconciler = reconciler;
        _logger = logger;
        _options = options ?? new ControllerOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        if (_options.MaxConcurrentReconciles < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxConcurrentReconciles must be at least 1.");
        }
    }

    public string Name { get; }

    public IWorkQueue Queue { get; }

    /// <summary>
    /// Runs the workers until <paramref name="cancellationToken"/> is cancelled (in-flight reconciles see the same token)
    /// or the queue is shut down. The queue is shut down on exit, so later adds are ignored.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var depth = Telemetry.RegisterQueue(Name, () => Queue.Count);
        _logger.LogInformation("Controller {Controller} starting {Workers} workers", Name, _options.MaxConcurrentReconciles);
        try
        {
            var workers = new Task[_options.MaxConcurrentReconciles];
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = Task.Run(() => WorkerAsync(cancellationToken), CancellationToken.None);
            }

            await Task.WhenAll(workers);
        }
        finally
        {
            Queue.ShutDown();
            _logger.LogInformation("Controller {Controller} stopped", Name);
        }
    }

    private async Task WorkerAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            string? key;
            try
            {
                key = await Queue.GetAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (key is null)
            {
                return;
            }

            try
            {
                await ProcessAsync(key, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ProcessAsync(string key, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.ActivitySource.StartActivity(Name, ActivityKind.Internal);
        activity?.SetTag("controller", Name);
        activity?.SetTag("key", key);
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["controller"] = Name, ["key"] = key });
        var started = _timeProvider.GetTimestamp();
        var result = "error";
        try
        {
            var outcome = await _reconciler.ReconcileAsync(key, cancellationToken);
            Queue.Forget(key);
            // This reconcile's answer replaces any timer an earlier one (or a failure's backoff) left for the key.
            Queue.Reschedule(key, outcome.RequeueAfter);
            result = outcome.RequeueAfter is null ? "success" : "requeue";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown or lost leadership: the key is not retried here; the next leader relists and reconciles it.
            result = "cancelled";
            throw;
        }
        catch (Exception ex)
        {
            Queue.AddRateLimited(key);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            activity?.AddException(ex);
            _logger.LogError(ex, "Reconcile of {Key} by {Controller} failed; retrying with backoff", key, Name);
        }
        finally
        {
            var elapsed = _timeProvider.GetElapsedTime(started);
            var controllerTag = new KeyValuePair<string, object?>("controller", Name);
            var resultTag = new KeyValuePair<string, object?>("result", result);
            Telemetry.ReconcileTotal.Add(1, controllerTag, resultTag);
            Telemetry.ReconcileDuration.Record(elapsed.TotalSeconds, controllerTag, resultTag);
            activity?.SetTag("result", result);
        }
    }
}
