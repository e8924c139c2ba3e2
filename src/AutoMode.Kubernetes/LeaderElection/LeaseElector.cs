using System.Net;
using k8s.Autorest;
using k8s.LeaderElection;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.LeaderElection;

/// <summary>
/// Acquire, renew and release of one lease, as kubernetes/client-go <c>tools/leaderelection/leaderelection.go</c> does
/// them, over an <see cref="ILock"/> and an injected <see cref="TimeProvider"/>:
/// <list type="bullet">
/// <item><c>acquire()</c>: try at once, then again after a jittered wait (client-go:
/// <c>wait.JitterUntil(..., RetryPeriod, JitterFactor, ...)</c>; ours is shorter, see <see cref="AcquireRetryDelay"/>).</item>
/// <item><c>renew()</c>: <c>wait.PollImmediateUntil(RetryPeriod, tryAcquireOrRenew, timeoutCtx(RenewDeadline))</c>:
/// a failed renewal is retried every RetryPeriod, and leadership ends only when none succeeded within RenewDeadline
/// (counted here from the last successful renewal, which is stricter). Each attempt is bounded by the time left.</item>
/// <item><c>tryAcquireOrRenew()</c>: another holder's lease counts as valid for its record's leaseDurationSeconds from
/// when this candidate last saw the record change (local clock only, never the record's timestamps); an empty
/// holderIdentity is free at once.</item>
/// <item><c>release()</c> (ReleaseOnCancel): only if this candidate still holds the lease by its last observation, write
/// holderIdentity "" and leaseDurationSeconds 1, keeping leaseTransitions; the write is conditional on the
/// resourceVersion last seen, so it cannot clear a successor's lease.</item>
/// </list>
/// The client's own <c>k8s.LeaderElection.LeaderElector</c> (KubernetesClient 21.0.8,
/// kubernetes-client/csharp <c>src/KubernetesClient/LeaderElection/LeaderElector.cs</c>) ends its renew loop on the
/// first exception (a refused connection during an API server restart), reads DateTime.UtcNow and never releases.
/// </summary>
internal sealed class LeaseElector(ILock @lock, LeaderElectionOptions options, TimeProvider time, Random random, ILogger logger)
{
    /// <summary>client-go's JitterFactor (its acquire retries wait RetryPeriod plus up to 1.2 x RetryPeriod).</summary>
    internal const double JitterFactor = 1.2;

    private LeaderElectionRecord? _observed;
    private long _observedAt;
    private string? _reportedLeader;

    /// <summary>This candidate is the holder in the record it last read or wrote.</summary>
    public bool HoldsLease => _observed is { HolderIdentity: { Length: > 0 } holder } && holder == @lock.Identity;

    /// <summary>Campaigns until this candidate holds the lease; returns the timestamp of the winning attempt.</summary>
    public async Task<long> AcquireAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Campaigning for leadership of {Lock} as {Identity}", @lock.Describe(), @lock.Identity);
        while (true)
        {
            var attempt = await AttemptAsync(TryAcquireOrRenewAsync, options.RenewDeadline, cancellationToken);
            ReportLeader();
            if (attempt.Succeeded)
            {
                return attempt.StartedAt;
            }

            if (attempt.Error is { } error)
            {
                logger.LogWarning("Acquiring {Lock} failed: {Cause}; retrying", @lock.Describe(), error);
            }

            await Task.Delay(AcquireRetryDelay(), time, cancellationToken);
        }
    }

    /// <summary>
    /// Renews every RetryPeriod while leading and returns why leadership ended: no renewal succeeded within
    /// RenewDeadline of <paramref name="lastRenewal"/> (or of the last one since), or the lease is held by someone else.
    /// Cancelling <paramref name="cancellationToken"/> throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<string> RenewUntilLostAsync(long lastRenewal, CancellationToken cancellationToken)
    {
        var failures = 0;
        string? lastError = null;
        while (true)
        {
            await Task.Delay(options.RetryPeriod, time, cancellationToken);
            var left = options.RenewDeadline - time.GetElapsedTime(lastRenewal);
            if (left <= TimeSpan.Zero)
            {
                return NotRenewed(failures, lastError);
            }

            var attempt = await AttemptAsync(TryAcquireOrRenewAsync, left, cancellationToken);
            ReportLeader();
            if (attempt.Succeeded)
            {
                if (failures > 0)
                {
                    logger.LogInformation("Renewed {Lock} after {Failures} failed attempts", @lock.Describe(), failures);
                }

                lastRenewal = attempt.StartedAt;
                failures = 0;
                lastError = null;
                continue;
            }

            if (attempt.HeldBy is { } holder)
            {
                return $"the lease is now held by {holder}";
            }

            failures++;
            lastError = attempt.Error;
            left = options.RenewDeadline - time.GetElapsedTime(lastRenewal);
            if (left <= TimeSpan.Zero)
            {
                return NotRenewed(failures, lastError);
            }

            logger.LogWarning(
                "Renewing {Lock} failed: {Cause}; {SecondsLeft:0.0} s left before the renew deadline",
                @lock.Describe(), lastError, left.TotalSeconds);
        }
    }

    /// <summary>
    /// Hands the lease on (client-go's <c>release()</c>) if this candidate still holds it. Call only once the work
    /// guarded by the lease has stopped. Bounded by RenewDeadline; never throws for API errors (they are logged).
    /// </summary>
    public async Task<bool> ReleaseAsync()
    {
        if (!HoldsLease)
        {
            return false;
        }

        var attempt = await AttemptAsync(ReleaseOnceAsync, options.RenewDeadline, CancellationToken.None);
        if (attempt.Succeeded)
        {
            logger.LogInformation("Released {Lock} so a successor can take it over at once", @lock.Describe());
            return true;
        }

        logger.LogWarning("Could not release {Lock}: {Cause}; a successor takes over when it expires", @lock.Describe(), attempt.Error);
        return false;
    }

    /// <summary>
    /// A follower looks again after RetryPeriod x [0.5, 1), where client-go waits RetryPeriod x [1, 2.2): jitter still
    /// spreads the candidates, and a lease released on a rolling update is taken over within one RetryPeriod (under
    /// 2 s by default) instead of up to 4.4 s. One GET of the Lease per second per follower is negligible.
    /// </summary>
    internal TimeSpan AcquireRetryDelay() => options.RetryPeriod * (0.5 + (0.5 * random.NextDouble()));

    private string NotRenewed(int failures, string? lastError) =>
        $"no renewal succeeded within the renew deadline of {options.RenewDeadline.TotalSeconds:0.#} s " +
        $"({failures} failed attempts; last error: {lastError ?? "none"})";

    private Task<LeaseAttempt> AttemptAsync(Func<CancellationToken, Task<LeaseAttempt>> run, TimeSpan limit, CancellationToken cancellationToken) =>
        LeaseAttempt.RunBoundedAsync(run, limit, time, cancellationToken);

    private async Task<LeaseAttempt> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var startedAt = time.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var desired = new LeaderElectionRecord
        {
            HolderIdentity = @lock.Identity,
            LeaseDurationSeconds = (int)options.LeaseDuration.TotalSeconds,
            AcquireTime = now,
            RenewTime = now,
        };
        try
        {
            var current = await ReadAsync(cancellationToken);
            if (current is null)
            {
                if (!await @lock.CreateAsync(desired, cancellationToken))
                {
                    return LeaseAttempt.Failed(startedAt, "another candidate created the lease first");
                }

                Observe(desired, startedAt);
                return LeaseAttempt.Success(startedAt);
            }

            if (!Same(_observed, current))
            {
                Observe(current, startedAt);
            }

            var holder = current.HolderIdentity;
            if (!string.IsNullOrEmpty(holder) && holder != @lock.Identity && time.GetElapsedTime(_observedAt, startedAt) < TimeSpan.FromSeconds(current.LeaseDurationSeconds))
            {
                return LeaseAttempt.Held(startedAt, holder);
            }

            if (holder == @lock.Identity)
            {
                desired.AcquireTime = current.AcquireTime;
                desired.LeaderTransitions = current.LeaderTransitions;
            }
            else
            {
                desired.LeaderTransitions = current.LeaderTransitions + 1;
            }

            if (!await @lock.UpdateAsync(desired, cancellationToken))
            {
                return LeaseAttempt.Failed(startedAt, "409 Conflict: the lease changed since it was read");
            }

            Observe(desired, startedAt);
            return LeaseAttempt.Success(startedAt);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Every failure is an outcome (logged with its cause by the caller), so attempts never fault.
            logger.LogDebug(e, "Lease attempt on {Lock} failed", @lock.Describe());
            return LeaseAttempt.Failed(startedAt, Cause(e));
        }
    }

    private async Task<LeaseAttempt> ReleaseOnceAsync(CancellationToken cancellationToken)
    {
        var startedAt = time.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var released = new LeaderElectionRecord
        {
            HolderIdentity = string.Empty,
            LeaseDurationSeconds = 1,
            AcquireTime = now,
            RenewTime = now,
            LeaderTransitions = _observed!.LeaderTransitions,
        };
        try
        {
            if (!await @lock.UpdateAsync(released, cancellationToken))
            {
                return LeaseAttempt.Failed(startedAt, "409 Conflict: the lease changed since this replica last renewed it");
            }

            Observe(released, startedAt);
            return LeaseAttempt.Success(startedAt);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            logger.LogDebug(e, "Releasing {Lock} failed", @lock.Describe());
            return LeaseAttempt.Failed(startedAt, Cause(e));
        }
    }

    /// <summary>The record, or null when there is none yet (a Lease lock answers 404; an in-memory lock null).</summary>
    private async Task<LeaderElectionRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await @lock.GetAsync(cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private void Observe(LeaderElectionRecord record, long at)
    {
        _observed = record;
        _observedAt = at;
    }

    private void ReportLeader()
    {
        var holder = _observed?.HolderIdentity ?? string.Empty;
        if (holder == _reportedLeader)
        {
            return;
        }

        _reportedLeader = holder;
        logger.LogInformation("Leader of {Lock} is now {Leader}", @lock.Describe(), holder.Length > 0 ? holder : "nobody (released)");
    }

    /// <summary>All fields, not the record's Equals (holder and times only): a changed duration or count is a change too.</summary>
    private static bool Same(LeaderElectionRecord? a, LeaderElectionRecord b) =>
        a is not null && a.HolderIdentity == b.HolderIdentity && a.LeaseDurationSeconds == b.LeaseDurationSeconds &&
        a.AcquireTime == b.AcquireTime && a.RenewTime == b.RenewTime && a.LeaderTransitions == b.LeaderTransitions;

    /// <summary>One line, no stack trace: the status code for API errors, the transport error otherwise.</summary>
    internal static string Cause(Exception e) => e switch
    {
        HttpOperationException api => $"{(int)api.Response.StatusCode} {api.Response.StatusCode}",
        HttpRequestException { InnerException: { } inner } http => $"{http.Message} ({inner.Message})",
        HttpRequestException http => http.Message,
        TaskCanceledException => "the request timed out",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
