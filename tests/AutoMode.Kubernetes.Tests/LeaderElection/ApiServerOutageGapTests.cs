using AutoMode.Kubernetes.Tests.Support;
using Xunit.Abstractions;

namespace AutoMode.Kubernetes.Tests.LeaderElection;

/// <summary>
/// The leadership gap across an API server outage, measured on a fake clock with the default timings (15 s / 10 s /
/// 2 s): a leader and a warm follower (polling every 1.5 s) share one lease; the outage starts a given time after the
/// leader's last renewal and lasts N seconds. The clock moves in 100 ms steps; after each, the test waits until both
/// loops are parked on their next timer. The figures go to the test output (docs/high-availability.md quotes them).
/// </summary>
public sealed class ApiServerOutageGapTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RenewDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(5, 0.1)]
    [InlineData(5, 1.9)]
    [InlineData(7.5, 0.1)]
    [InlineData(7.5, 1.9)]
    [InlineData(9.5, 0.1)]
    [InlineData(9.5, 1.9)]
    [InlineData(12, 0.1)]
    [InlineData(15, 0.1)]
    [InlineData(30, 0.1)]
    public async Task Outage_LeaderKeepsTheLeaseUntilTheRenewDeadline_ThenTheFollowerTakesOverOnceItExpired(double outageSeconds, double afterRenewalSeconds)
    {
        var time = new PendingTimersTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new InMemoryLeaseStore();
        await using var leader = LeaseCandidate.Start(store, "a", time, new FixedRandom(0), detached: true);
        await leader.Leading.Task.WithTimeout();
        await using var follower = LeaseCandidate.Start(store, "b", time, new FixedRandom(0.5), detached: true);
        var running = new[] { leader, follower };
        int Running() => running.Count(c => !c.Run.IsCompleted);

        // Warm up to just after a renewal (the leader renews at every even second), then to the outage's start.
        await AdvanceAsync(time, TimeSpan.FromSeconds(20), Running);
        Assert.Equal("a", store.Holder);
        await AdvanceAsync(time, TimeSpan.FromSeconds(afterRenewalSeconds), Running);
        store.Unreachable = true;
        var outageStart = time.GetTimestamp();
        TimeSpan? steppedDown = null;
        await AdvanceAsync(time, TimeSpan.FromSeconds(outageSeconds), Running, () => steppedDown ??= leader.Lost.Task.IsCompleted ? time.GetElapsedTime(outageStart) : null);
        store.Unreachable = false;
        var serverBack = time.GetTimestamp();
        TimeSpan? followerLeads = null;
        await AdvanceAsync(time, TimeSpan.FromSeconds(20), Running, () =>
        {
            steppedDown ??= leader.Lost.Task.IsCompleted ? time.GetElapsedTime(outageStart) : null;
            followerLeads ??= follower.Runner.IsLeader ? time.GetElapsedTime(serverBack) : null;
        });

        // Renewals are tried every RetryPeriod after the last success; the last one inside the deadline comes at
        // RenewDeadline - RetryPeriod (8 s). The server must be back by then.
        var withoutRenewal = TimeSpan.FromSeconds(outageSeconds + afterRenewalSeconds);
        if (withoutRenewal < RenewDeadline - Retry)
        {
            // Kept: no step-down, no takeover; the controllers never stopped.
            Assert.Null(steppedDown);
            Assert.Null(followerLeads);
            Assert.True(leader.Runner.IsLeader);
            Assert.Equal(0, leader.LostCount);
            output.WriteLine($"outage {outageSeconds} s, {afterRenewalSeconds} s after a renewal: leadership kept");
            return;
        }

        // Lost: the leader steps down once, RenewDeadline after its last renewal, and releases the lease if the server
        // is back by then. Otherwise the follower takes over once the
        // record it last saw change has been unchanged for LeaseDuration, at its next poll (1.5 s), never before the
        // server is back. If the follower's last read before the outage missed the leader's last renewal, it sees
        // that renewal as a change only after the outage, and waits a full LeaseDuration from then.
        Assert.NotNull(steppedDown);
        Assert.NotNull(followerLeads);
        Assert.Equal(1, leader.LostCount);
        var stepDownAfterRenewal = steppedDown.Value + TimeSpan.FromSeconds(afterRenewalSeconds);
        Assert.InRange(stepDownAfterRenewal, RenewDeadline - Step, RenewDeadline + Step);
        var takeoverAfterRenewal = withoutRenewal + followerLeads.Value;
        if (withoutRenewal < RenewDeadline)
        {
            // The server was back when the leader stepped down: its release went through, the follower's next poll wins.
            Assert.InRange(takeoverAfterRenewal, RenewDeadline, RenewDeadline + TimeSpan.FromSeconds(1.5) + Step);
        }
        else
        {
            Assert.True(takeoverAfterRenewal >= LeaseDuration - TimeSpan.FromSeconds(1.5), $"took over {takeoverAfterRenewal} after the leader's last renewal");
            Assert.InRange(followerLeads.Value, TimeSpan.Zero, LeaseDuration + TimeSpan.FromSeconds(1.5) + Step);
        }

        output.WriteLine(
            $"outage {outageSeconds} s, {afterRenewalSeconds} s after a renewal: leader stepped down {stepDownAfterRenewal.TotalSeconds:0.0} s after its last renewal; " +
            $"follower leads {followerLeads.Value.TotalSeconds:0.0} s after the server is back; no leader for {(takeoverAfterRenewal - stepDownAfterRenewal).TotalSeconds:0.0} s");
    }

    /// <summary>Moves the clock in 100 ms steps, waiting after each until every running loop is parked again.</summary>
    private static async Task AdvanceAsync(PendingTimersTimeProvider time, TimeSpan span, Func<int> running, Action? afterStep = null)
    {
        for (var moved = TimeSpan.Zero; moved < span - (Step / 2); moved += Step)
        {
            time.Advance(Step);
            await time.WaitForPendingAsync(running);
            afterStep?.Invoke();
        }
    }
}
