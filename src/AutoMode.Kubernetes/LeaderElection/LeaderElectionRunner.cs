using k8s;
using k8s.LeaderElection;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.LeaderElection;

/// <summary>
/// Runs one leadership term over a <see cref="LeaseElector"/> (client-go's acquire / renew / release). While leading,
/// the work gets a token that is cancelled when leadership is lost. Leadership survives failed renewals until
/// RenewDeadline has passed since the last successful one, so an API server restart shorter than that costs nothing.
/// Losing leadership (or the work ending on its own) calls <c>onLostLeadership</c> once (the host passes
/// StopApplication) instead of restarting in place, as controller-runtime does: a fresh process relists and rebuilds
/// its caches, so no state from the lost term survives. Whenever the term ends, the work is stopped first and the
/// lease is then released (client-go's ReleaseOnCancel), so a successor takes over at its next attempt instead of
/// waiting for the lease to expire.
/// </summary>
public sealed class LeaderElectionRunner
{
    private readonly ILock _lock;
    private readonly LeaderElectionOptions _options;
    private readonly Action _onLostLeadership;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private volatile bool _isLeader;

    public LeaderElectionRunner(ILock @lock, LeaderElectionOptions options, Action onLostLeadership, ILogger logger, TimeProvider? timeProvider = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(@lock);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onLostLeadership);
        ArgumentNullException.ThrowIfNull(logger);
        if (!(options.RetryPeriod < options.RenewDeadline && options.RenewDeadline < options.LeaseDuration))
        {
            throw new ArgumentException("Leader election needs RetryPeriod < RenewDeadline < LeaseDuration.", nameof(options));
        }

        if (options.RenewDeadline <= options.RetryPeriod * LeaseElector.JitterFactor)
        {
            // client-go's NewLeaderElector check: the deadline must leave room for more than one jittered retry.
            throw new ArgumentException("Leader election needs RenewDeadline > 1.2 x RetryPeriod.", nameof(options));
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            // The record stores whole seconds and other candidates judge expiry from it: 0 s means "always expired".
            throw new ArgumentException("LeaseDuration must be at least one second.", nameof(options));
        }

        _lock = @lock;
        _options = options;
        _onLostLeadership = onLostLeadership;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared;
    }

    public bool IsLeader => _isLeader;

    /// <summary>A runner on a coordination.k8s.io Lease; give it its own client so main-client retries cannot starve renewals.</summary>
    public static LeaderElectionRunner ForLease(IKubernetes client, LeaderElectionOptions options, Action onLostLeadership, ILogger logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LeaderElectionRunner(new KubernetesLeaseLock(client, options.Namespace, options.LeaseName, options.Identity), options, onLostLeadership, logger, timeProvider);
    }

    /// <summary>
    /// Campaigns until leading, runs <paramref name="onStartedLeading"/> while leading, and returns when the term ends.
    /// Cancelling <paramref name="cancellationToken"/> is a shutdown, not a loss: the work is cancelled, the lease is
    /// released once it has stopped, and the callback is not invoked.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> onStartedLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onStartedLeading);
        var elector = new LeaseElector(_lock, _options, _time, _random, _logger);
        long acquiredAt;
        try
        {
            acquiredAt = await elector.AcquireAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        _isLeader = true;
        _logger.LogInformation("Acquired leadership of {Lock} as {Identity}", _lock.Describe(), _lock.Identity);
        string? lostBecause = null;
        using (var workCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        using (var renewCts = new CancellationTokenSource())
        {
            var work = Task.Run(() => RunLeadingAsync(onStartedLeading, workCts.Token), CancellationToken.None);
            // Renewal keeps going while the work drains on shutdown: the lease must stay ours until the work has stopped.
            var renew = elector.RenewUntilLostAsync(acquiredAt, renewCts.Token);
            if (await Task.WhenAny(work, renew) == renew)
            {
                lostBecause = await renew;
                _isLeader = false;
                await workCts.CancelAsync();
                await work;
            }
            else
            {
                await renewCts.CancelAsync();
                try
                {
                    lostBecause = await renew;
                }
                catch (OperationCanceledException) when (renewCts.IsCancellationRequested)
                {
                    // Still leading when the work ended.
                }

                _isLeader = false;
            }
        }

        // The work has stopped: hand the lease on. It is skipped when another holder was seen.
        await elector.ReleaseAsync();

        if (cancellationToken.IsCancellationRequested)
        {
            _logger.LogInformation("Stopped leading {Lock}: shutting down", _lock.Describe());
            return;
        }

        if (lostBecause is not null)
        {
            _logger.LogWarning("Lost leadership of {Lock}: {Reason}; stopping so a fresh process can campaign", _lock.Describe(), lostBecause);
        }
        else
        {
            // Holding the lease with nothing running would block the other replicas forever: end the term.
            _logger.LogWarning("Work under leadership of {Lock} ended while still leading; giving up the term", _lock.Describe());
        }

        _onLostLeadership();
    }

    private async Task RunLeadingAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await work(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Leadership lost or shutdown.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Work under leadership failed");
        }
    }
}
