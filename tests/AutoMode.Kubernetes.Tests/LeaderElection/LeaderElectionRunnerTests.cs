using AutoMode.Kubernetes.LeaderElection;
using AutoMode.Kubernetes.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Kubernetes.Tests.LeaderElection;

/// <summary>
/// The runner on its default clock (TimeProvider.System) with short real leases: the wiring the operator runs. The
/// timing rules themselves (renew deadline, release, takeover) are tested on a fake clock in
/// <see cref="LeaderElectionOnFakeClockTests"/>. These wait on signals with timeouts, never on sleeps.
/// The lease is whole seconds: the record stores LeaseDurationSeconds as an integer and candidates judge expiry from
/// it, so a sub-second lease would read as 0 s and every candidate would steal it at once.
/// </summary>
public sealed class LeaderElectionRunnerTests
{
    // Real wall-clock durations: 3 s / 2 s leave room for a starved CPU
    // (renewals every 100 ms must all fail for 2 s before leadership is lost), at the cost of ~3 s per takeover test.
    private static LeaderElectionOptions Options(string identity) => new()
    {
        Namespace = "automode-system",
        Identity = identity,
        LeaseDuration = TimeSpan.FromSeconds(3),
        RenewDeadline = TimeSpan.FromSeconds(2),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task FreeLease_IsAcquired_AndWorkRunsUntilShutdown_WithoutLostCallback()
    {
        var store = new InMemoryLeaseStore();
        var lost = 0;
        var runner = new LeaderElectionRunner(new InMemoryLock(store, "a"), Options("a"), () => Interlocked.Increment(ref lost), NullLogger.Instance);
        var leading = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();

        var run = runner.RunAsync(
            async token =>
            {
                leading.TrySetResult(token);
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            },
            cts.Token);
        var workToken = await leading.Task.WithTimeout();

        Assert.True(runner.IsLeader);
        Assert.Equal("a", store.Holder);
        await cts.CancelAsync();
        await run.WithTimeout();
        Assert.True(workToken.IsCancellationRequested);
        Assert.False(runner.IsLeader);
        Assert.Equal(0, Volatile.Read(ref lost));
    }

    [Fact]
    public async Task SecondCandidate_DoesNotLeadWhileFirstRenews_ThenTakesOverWhenItStops()
    {
        var store = new InMemoryLeaseStore();
        var first = new LeaderElectionRunner(new InMemoryLock(store, "a"), Options("a"), () => { }, NullLogger.Instance);
        var second = new LeaderElectionRunner(new InMemoryLock(store, "b"), Options("b"), () => { }, NullLogger.Instance);
        var aLeads = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bLeads = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var aCts = new CancellationTokenSource();
        using var bCts = new CancellationTokenSource();
        var aRun = first.RunAsync(t => { aLeads.TrySetResult(); return Task.Delay(Timeout.InfiniteTimeSpan, t); }, aCts.Token);
        await aLeads.Task.WithTimeout();

        var bRun = second.RunAsync(t => { bLeads.TrySetResult(); return Task.Delay(Timeout.InfiniteTimeSpan, t); }, bCts.Token);
        // Ten renewals by "a" span well over one lease duration; "b" must observe them and keep waiting.
        for (var renewals = 0; renewals < 10;)
        {
            if (await ReadWriteAsync(store) == "a")
            {
                renewals++;
            }
        }

        Assert.False(bLeads.Task.IsCompleted);
        Assert.False(second.IsLeader);
        await aCts.CancelAsync();
        await aRun.WithTimeout();
        await bLeads.Task.WithTimeout();

        Assert.Equal("b", store.Holder);
        Assert.True(second.IsLeader);
        await bCts.CancelAsync();
        await bRun.WithTimeout();
    }

    [Fact]
    public async Task RenewalsFail_WorkTokenCancelled_AndLostCallbackCalledOnce()
    {
        var store = new InMemoryLeaseStore();
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lostCount = 0;
        var runner = new LeaderElectionRunner(
            new InMemoryLock(store, "a"),
            Options("a"),
            () =>
            {
                Interlocked.Increment(ref lostCount);
                lost.TrySetResult();
            },
            NullLogger.Instance);
        var leading = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var workCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = runner.RunAsync(
            async token =>
            {
                using var registration = token.Register(() => workCancelled.TrySetResult());
                leading.TrySetResult(token);
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            },
            CancellationToken.None);
        await leading.Task.WithTimeout();
        store.FailUpdatesFrom = "a";

        await workCancelled.Task.WithTimeout();
        await lost.Task.WithTimeout();
        await run.WithTimeout();
        Assert.Equal(1, Volatile.Read(ref lostCount));
        Assert.False(runner.IsLeader);
    }

    [Fact]
    public async Task WorkEndsWhileLeading_TermEnds_AndLostCallbackCalled()
    {
        var store = new InMemoryLeaseStore();
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new LeaderElectionRunner(new InMemoryLock(store, "a"), Options("a"), () => lost.TrySetResult(), NullLogger.Instance);

        var run = runner.RunAsync(_ => throw new InvalidOperationException("controllers crashed"), CancellationToken.None);

        await lost.Task.WithTimeout();
        await run.WithTimeout();
    }

    [Fact]
    public void Timings_OutOfOrder_AreRejected()
    {
        var bad = Options("a") with { RenewDeadline = TimeSpan.FromSeconds(20) };

        Assert.Throws<ArgumentException>(() => new LeaderElectionRunner(new InMemoryLock(new InMemoryLeaseStore(), "a"), bad, () => { }, NullLogger.Instance));
    }

    [Fact]
    public void RenewDeadline_WithoutRoomForAJitteredRetry_IsRejected()
    {
        // client-go's NewLeaderElector: renewDeadline must be greater than retryPeriod x JitterFactor (1.2).
        var bad = Options("a") with { LeaseDuration = TimeSpan.FromSeconds(15), RenewDeadline = TimeSpan.FromSeconds(2.2), RetryPeriod = TimeSpan.FromSeconds(2) };

        Assert.Throws<ArgumentException>(() => new LeaderElectionRunner(new InMemoryLock(new InMemoryLeaseStore(), "a"), bad, () => { }, NullLogger.Instance));
    }

    private static async Task<string> ReadWriteAsync(InMemoryLeaseStore store)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Default);
        return await store.Writes.Reader.ReadAsync(cts.Token);
    }
}
