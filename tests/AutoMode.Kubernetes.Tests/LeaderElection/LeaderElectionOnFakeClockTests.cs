using AutoMode.Kubernetes.Tests.Support;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.Tests.LeaderElection;

/// <summary>
/// Leader election with the default timings (lease 15 s, renew deadline 10 s, retry 2 s) on a fake clock. The
/// in-memory lock answers synchronously, so the only timers are the elector's waits between attempts: the test waits
/// until a wait is armed, then advances the clock by it. "Unreachable" makes every lock call fail as a refused
/// connection does while the API server restarts.
/// </summary>
public sealed class LeaderElectionOnFakeClockTests
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task ApiServerDownFor5s_LeaderKeepsLeadership_WorkContinues_AndRenewsWhenItReturns()
    {
        var time = new TimerTrackingTimeProvider();
        var store = new InMemoryLeaseStore();
        await using var a = LeaseCandidate.Start(store, "a", time);
        var workToken = await a.Leading.Task.WithTimeout();
        Drain(store);

        // t = 0: the API server goes away right after a successful renewal.
        store.Unreachable = true;
        await StepAsync(time); // t = 2: fails, 8 s left
        await StepAsync(time); // t = 4: fails, 6 s left
        await time.WaitForTimerAsync(Retry);
        time.Advance(TimeSpan.FromSeconds(1)); // t = 5: the API server is back
        store.Unreachable = false;
        time.Advance(TimeSpan.FromSeconds(1)); // t = 6: the renewal succeeds
        Assert.Equal("a", await NextWriteAsync(store));

        Assert.True(a.Runner.IsLeader);
        Assert.False(workToken.IsCancellationRequested);
        Assert.Equal(0, a.LostCount);
        var failures = a.Log.AtLeast(LogLevel.Warning).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Null(f.Exception));
        Assert.Contains("Connection refused", failures[0].Message, StringComparison.Ordinal);
        Assert.Contains("8.0 s left before the renew deadline", failures[0].Message, StringComparison.Ordinal);
        Assert.Contains("6.0 s left before the renew deadline", failures[1].Message, StringComparison.Ordinal);

        // And it goes on renewing every RetryPeriod.
        await StepAsync(time);
        Assert.Equal("a", await NextWriteAsync(store));
        Assert.True(a.Runner.IsLeader);
    }

    [Fact]
    public async Task ApiServerDownFor15s_LeaderStepsDownOnceAtTheRenewDeadline_WorkCancelled()
    {
        var time = new TimerTrackingTimeProvider();
        var store = new InMemoryLeaseStore();
        await using var a = LeaseCandidate.Start(store, "a", time);
        var workToken = await a.Leading.Task.WithTimeout();

        store.Unreachable = true;
        for (var t = 2; t <= 8; t += 2)
        {
            await StepAsync(time);
        }

        // t = 8: four failed renewals, 2 s left; still leading and working.
        Assert.True(a.Runner.IsLeader);
        Assert.False(workToken.IsCancellationRequested);
        await StepAsync(time); // t = 10: the renew deadline has passed since the last renewal at t = 0.

        await a.Lost.Task.WithTimeout();
        await a.Run.WithTimeout();
        Assert.True(workToken.IsCancellationRequested);
        Assert.False(a.Runner.IsLeader);
        time.Advance(TimeSpan.FromSeconds(5)); // t = 15: the API server is back; nothing more happens.
        store.Unreachable = false;
        Assert.Equal(1, a.LostCount);
        var lost = Assert.Single(a.Log.Lines, l => l.Message.StartsWith("Lost leadership", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, lost.Level);
        Assert.Contains("no renewal succeeded within the renew deadline of 10 s (4 failed attempts; last error: Connection refused", lost.Message, StringComparison.Ordinal);
        Assert.Equal("a", store.Holder); // The release was attempted while the server was still down.
    }

    [Fact]
    public async Task GracefulStop_ReleasesTheLease_FollowerTakesOverAtItsNextPoll_Under2s()
    {
        var time = new TimerTrackingTimeProvider();
        var store = new InMemoryLeaseStore();
        await using var a = LeaseCandidate.Start(store, "a", time);
        await a.Leading.Task.WithTimeout();
        // The follower's polls are jittered in [1 s, 2 s); 0.99 is the slowest case.
        var followerPoll = Retry * (0.5 + (0.5 * 0.99));
        await using var b = LeaseCandidate.Start(store, "b", time, new FixedRandom(0.99));
        await time.WaitForTimerAsync(followerPoll); // b has just seen a's lease and waits.

        await a.StopAsync();
        var released = store.Record!;
        Assert.Equal(string.Empty, released.HolderIdentity);
        Assert.Equal(1, released.LeaseDurationSeconds);
        Assert.Equal(0, released.LeaderTransitions);
        Assert.Equal(0, a.LostCount);
        var releasedAt = time.GetTimestamp();
        time.Advance(followerPoll);

        await b.Leading.Task.WithTimeout();
        Assert.True(time.GetElapsedTime(releasedAt) < Retry);
        Assert.Equal("b", store.Holder);
        Assert.Equal(1, store.Record!.LeaderTransitions);
        Assert.Equal(15, store.Record!.LeaseDurationSeconds);
    }

    [Fact]
    public async Task LeaderThatDiedWithoutReleasing_FollowerWaitsTheLeaseDuration()
    {
        // The contrast to a graceful stop: a record left by a killed process is taken only once it has expired.
        var time = new TimerTrackingTimeProvider();
        var store = new InMemoryLeaseStore();
        store.TryCreate(new k8s.LeaderElection.LeaderElectionRecord { HolderIdentity = "a", LeaseDurationSeconds = 15, AcquireTime = time.GetUtcNow().UtcDateTime, RenewTime = time.GetUtcNow().UtcDateTime });
        var followerPoll = Retry * (0.5 + (0.5 * 0.99));
        var start = time.GetTimestamp();
        await using var b = LeaseCandidate.Start(store, "b", time, new FixedRandom(0.99));

        // While following, b only ever arms its poll; once leading, its first renewal wait (2 s).
        while (await time.NextTimerAsync() == followerPoll)
        {
            Assert.False(b.Runner.IsLeader);
            time.Advance(followerPoll);
        }

        await b.Leading.Task.WithTimeout();
        var takeover = time.GetElapsedTime(start);
        Assert.InRange(takeover, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15) + followerPoll);
    }

    [Fact]
    public async Task AnotherHolderSeenWhileRenewing_StepsDownAtOnce()
    {
        var time = new TimerTrackingTimeProvider();
        var store = new InMemoryLeaseStore();
        await using var a = LeaseCandidate.Start(store, "a", time);
        var workToken = await a.Leading.Task.WithTimeout();
        var intruder = new InMemoryLock(store, "z");
        var record = await intruder.GetAsync();
        record.HolderIdentity = "z";
        Assert.True(await intruder.UpdateAsync(record));

        await StepAsync(time);

        await a.Lost.Task.WithTimeout();
        Assert.True(workToken.IsCancellationRequested);
        Assert.Equal("z", store.Holder); // Never released over the new holder.
        Assert.Contains(a.Log.Lines, l => l.Message.Contains("the lease is now held by z", StringComparison.Ordinal));
    }

    private static async Task StepAsync(TimerTrackingTimeProvider time)
    {
        await time.WaitForTimerAsync(Retry);
        time.Advance(Retry);
    }

    private static void Drain(InMemoryLeaseStore store)
    {
        while (store.Writes.Reader.TryRead(out _))
        {
        }
    }

    private static async Task<string> NextWriteAsync(InMemoryLeaseStore store)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Default);
        return await store.Writes.Reader.ReadAsync(cts.Token);
    }
}
