using AutoMode.Kubernetes.LeaderElection;
using AutoMode.Kubernetes.Tests.Support;

namespace AutoMode.Kubernetes.Tests.LeaderElection;

/// <summary>
/// One replica in the leader-election tests: a runner with the default timings on an in-memory lease, whose work
/// records that it leads and then waits until cancelled.
/// </summary>
internal sealed class LeaseCandidate : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private int _lost;

    private LeaseCandidate(InMemoryLeaseStore store, string identity, TimeProvider time, Random random)
    {
        Runner = new LeaderElectionRunner(
            new InMemoryLock(store, identity),
            new LeaderElectionOptions { Namespace = "automode-system", Identity = identity },
            () =>
            {
                Interlocked.Increment(ref _lost);
                Lost.TrySetResult();
            },
            Log,
            time,
            random);
    }

    public LeaderElectionRunner Runner { get; }

    public ListLogger Log { get; } = new();

    /// <summary>Completes with the leading token once the runner's work starts.</summary>
    public TaskCompletionSource<CancellationToken> Leading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Lost { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int LostCount => Volatile.Read(ref _lost);

    public Task Run { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Starts the loop; <paramref name="detached"/> runs it off the caller's synchronization context, so its
    /// continuations run as soon as a timer fires (the outage test steps the clock and waits for both loops to
    /// park); otherwise its first attempt runs inline.
    /// </summary>
    public static LeaseCandidate Start(InMemoryLeaseStore store, string identity, TimeProvider time, Random? random = null, bool detached = false)
    {
        var candidate = new LeaseCandidate(store, identity, time, random ?? new FixedRandom(0));
        Task RunLoop() => candidate.Runner.RunAsync(
            async token =>
            {
                candidate.Leading.TrySetResult(token);
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            },
            candidate._stop.Token);
        candidate.Run = detached ? Task.Run(RunLoop) : RunLoop();
        return candidate;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WithTimeout();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
