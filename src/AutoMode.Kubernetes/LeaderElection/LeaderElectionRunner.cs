using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.LeaderElection;

/// <summary>
/// Runs one leadership term over <see cref="LeaderElector"/>. While leading, the work gets a token that is cancelled
/// when leadership is lost. Losing leadership (or the work ending on its own) calls <c>onLostLeadership</c> once
/// (the host passes StopApplication) instead of restarting in place, as controller-runtime does: a fresh process
/// relists and rebuilds its caches, so no state from the lost term survives.
/// </summary>
public sealed class LeaderElectionRunner
{
    private readonly ILock _lock;
    private readonly LeaderElectionOptions _options;
    private readonly Action _onLostLeadership;
    private readonly ILogger _logger;
    private volatile bool _isLeader;

    public LeaderElectionRunner(ILock @lock, LeaderElectionOptions options, Action onLostLeadership, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(@lock);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onLostLeadership);
        ArgumentNullException.ThrowIfNull(logger);
        if (!(options.RetryPeriod < options.RenewDeadline && options.RenewDeadline < options.LeaseDuration))
        {
            throw new ArgumentException("Leader election needs RetryPeriod < RenewDeadline < LeaseDuration.", nameof(options));
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
    }

    public bool IsLeader => _isLeader;

    /// <summary>A runner on a coordination.k8s.io Lease; give it its own client so main-client retries cannot starve renewals.</summary>
    public static LeaderElectionRunner ForLease(IKubernetes client, LeaderElectionOptions options, Action onLostLeadership, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LeaderElectionRunner(new LeaseLock(client, options.Namespace, options.LeaseName, options.Identity), options, onLostLeadership, logger);
    }

    /// <summary>
    /// Campaigns until leading, runs <paramref name="onStartedLeading"/> while leading, and returns when the term ends.
    /// Cancelling <paramref name="cancellationToken"/> is a shutdown, not a loss: the callback is not invoked then.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> onStartedLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onStartedLeading);
        var config = new LeaderElectionConfig(_lock)
        {
            LeaseDuration = _options.LeaseDuration,
            RenewDeadline = _options.RenewDeadline,
            RetryPeriod = _options.RetryPeriod,
        };
        using var elector = new LeaderElector(config);
        using var electionCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var leadingCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? leading = null;

        elector.OnStartedLeading += () =>
        {
            _isLeader = true;
            _logger.LogInformation("Acquired leadership of {Lock} as {Identity}", _lock.Describe(), _lock.Identity);
            Volatile.Write(ref leading, Task.Run(() => RunLeadingAsync(onStartedLeading, leadingCts, electionCts), CancellationToken.None));
        };
        elector.OnStoppedLeading += () =>
        {
            _isLeader = false;
            leadingCts.Cancel();
        };
        elector.OnNewLeader += leader => _logger.LogInformation("Leader of {Lock} is now {Leader}", _lock.Describe(), leader);
        elector.OnError += ex => _logger.LogWarning(ex, "Leader election attempt on {Lock} failed", _lock.Describe());

        var failed = false;
        try
        {
            await elector.RunUntilLeadershipLostAsync(electionCts.Token);
        }
        catch (OperationCanceledException) when (electionCts.IsCancellationRequested)
        {
            // Shutdown, or the leading work ended: handled below.
        }
        catch (Exception ex)
        {
            failed = true;
            _logger.LogError(ex, "Leader election on {Lock} failed", _lock.Describe());
        }
        finally
        {
            _isLeader = false;
            await leadingCts.CancelAsync();
            if (Volatile.Read(ref leading) is { } work)
            {
                await work;
            }
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        if (failed)
        {
            _logger.LogWarning("Leader election on {Lock} stopped; stopping so a fresh process can campaign", _lock.Describe());
        }
        else
        {
            _logger.LogWarning("Lost leadership of {Lock}; stopping so a fresh process can campaign", _lock.Describe());
        }

        _onLostLeadership();
    }

    private async Task RunLeadingAsync(Func<CancellationToken, Task> work, CancellationTokenSource leadingCts, CancellationTokenSource electionCts)
    {
        try
        {
            await work(leadingCts.Token);
        }
        catch (OperationCanceledException) when (leadingCts.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Work under leadership failed");
        }

        if (!leadingCts.IsCancellationRequested)
        {
            // Holding the lease with nothing running would block the other replicas forever: end the term.
            _logger.LogWarning("Work under leadership ended while still leading; giving up the term");
            await electionCts.CancelAsync();
        }
    }
}
