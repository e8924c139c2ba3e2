using AutoMode.Kubernetes.Queue;
using AutoMode.Kubernetes.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AutoMode.Kubernetes.Tests.Queue;

public sealed class WorkQueueTests
{
    private static readonly WorkQueueOptions NoJitter = new() { JitterFraction = 0 };

    [Fact]
    public async Task Add_SameKeyWhileWaiting_IsHandedOutOnce()
    {
        using var queue = new WorkQueue(new FakeTimeProvider());

        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", await queue.GetAsync(CancellationToken.None));
        Assert.Equal("b", await queue.GetAsync(CancellationToken.None));
        Assert.False(queue.GetAsync(CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public async Task Add_KeyBeingProcessed_IsNotHandedOutUntilDone()
    {
        using var queue = new WorkQueue(new FakeTimeProvider());
        queue.Add("a");
        var first = await queue.GetAsync(CancellationToken.None);

        queue.Add("a");
        var second = queue.GetAsync(CancellationToken.None).AsTask();

        Assert.Equal("a", first);
        Assert.Equal(0, queue.Count);
        Assert.False(second.IsCompleted);

        queue.Done("a");

        Assert.Equal("a", await second.WithTimeout());
    }

    [Fact]
    public async Task Done_KeyNotReAdded_IsNotRequeued()
    {
        using var queue = new WorkQueue(new FakeTimeProvider());
        queue.Add("a");
        var key = await queue.GetAsync(CancellationToken.None);

        queue.Done(key!);

        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task GetAsync_WaiterBeforeAdd_ReceivesKey()
    {
        using var queue = new WorkQueue(new FakeTimeProvider());
        var waiting = queue.GetAsync(CancellationToken.None).AsTask();

        queue.Add("a");

        Assert.Equal("a", await waiting.WithTimeout());
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task GetAsync_Cancelled_ThrowsAndDoesNotSwallowALaterKey()
    {
        using var queue = new WorkQueue(new FakeTimeProvider());
        using var cts = new CancellationTokenSource();
        var waiting = queue.GetAsync(cts.Token).AsTask();

        await cts.CancelAsync();
        queue.Add("a");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal("a", await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AddAfter_FiresWhenFakeClockReachesDueTime_AndNotBefore()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue(time);

        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        Assert.Equal(0, queue.Count);

        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, queue.Count);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal("a", await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public void AddAfter_EarlierRequest_ReplacesLaterOne()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue(time);

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public void AddAfter_LaterRequest_KeepsEarlierDueTime()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue(time);

        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
    }

    /// <summary>
    /// A fake clock advanced by another thread between "now + delay" and CreateTimer runs the callback inside
    /// CreateTimer, on the caller's thread. That used to throw (the entry's timer was not assigned yet) and, from a
    /// controller's AddRateLimited, killed its worker: the key was never reconciled again.
    /// </summary>
    [Fact]
    public async Task AddAfter_TimerFiringInsideCreateTimer_AddsTheKeyWithoutThrowing()
    {
        using var queue = new WorkQueue(new FiresOnCreateTimeProvider());

        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        queue.AddRateLimited("b");

        Assert.Equal(2, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
        Assert.Equal("a", await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public void Reschedule_LaterTime_ReplacesEarlierOne()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue(time);

        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.Reschedule("a", TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, queue.DelayedCount);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public void Reschedule_Null_CancelsTheDelayedAdd()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue(time);

        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("b", TimeSpan.FromSeconds(3));
        queue.Reschedule("a", null);
        Assert.Equal(1, queue.DelayedCount);
        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public void AddAfter_ZeroDelay_AddsImmediately()
    {
        using var queue = new WorkQueue(new FakeTimeProvider());

        queue.AddAfter("a", TimeSpan.Zero);

        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task AddRateLimited_RepeatedFailures_DoubleUpToCapAndResetOnForget()
    {
        var time = new TimerTrackingTimeProvider();
        using var queue = new WorkQueue(time, NoJitter with { BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) });
        var expected = new[] { 200, 400, 800, 1000, 1000 };

        foreach (var ms in expected)
        {
            queue.AddRateLimited("a");
            Assert.Equal(TimeSpan.FromMilliseconds(ms), await time.NextTimerAsync());

            time.Advance(TimeSpan.FromMilliseconds(ms - 1));
            Assert.Equal(0, queue.Count);
            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal("a", await queue.GetAsync(CancellationToken.None));
            queue.Done("a");
        }

        Assert.Equal(5, queue.NumRequeues("a"));
        queue.Forget("a");
        queue.AddRateLimited("a");

        Assert.Equal(TimeSpan.FromMilliseconds(200), await time.NextTimerAsync());
        Assert.Equal(1, queue.NumRequeues("a"));
    }

    [Fact]
    public void AddRateLimited_DefaultOptions_StartAt200MsAndCapAtFiveMinutes()
    {
        using var queue = new WorkQueue(new FakeTimeProvider(), random: new FixedRandom(0));

        Assert.Equal(TimeSpan.FromMilliseconds(200), queue.BackoffFor(1));
        Assert.Equal(TimeSpan.FromMilliseconds(400), queue.BackoffFor(2));
        Assert.Equal(TimeSpan.FromMinutes(5), queue.BackoffFor(50));
    }

    [Fact]
    public void AddRateLimited_WithJitter_AddsFractionOfStepButNeverExceedsCap()
    {
        using var queue = new WorkQueue(new FakeTimeProvider(), new WorkQueueOptions { JitterFraction = 0.1 }, new FixedRandom(0.5));

        Assert.Equal(TimeSpan.FromMilliseconds(210), queue.BackoffFor(1));
        Assert.Equal(TimeSpan.FromMinutes(5), queue.BackoffFor(50));
    }

    [Fact]
    public void AddRateLimited_KeysBackOffIndependently()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue(time, NoJitter);

        queue.AddRateLimited("a");
        queue.AddRateLimited("a");
        queue.AddRateLimited("b");

        queue.Forget("a");

        Assert.Equal(0, queue.NumRequeues("a"));
        Assert.Equal(1, queue.NumRequeues("b"));
    }

    [Fact]
    public async Task ShutDown_WakesWaitersWithNull_AndIgnoresLaterAdds()
    {
        var time = new FakeTimeProvider();
        var queue = new WorkQueue(time);
        var waiting = queue.GetAsync(CancellationToken.None).AsTask();
        queue.AddAfter("late", TimeSpan.FromSeconds(1));

        queue.ShutDown();
        queue.Add("a");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await waiting.WithTimeout());
        Assert.Null(await queue.GetAsync(CancellationToken.None));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task ManyProducersAndConsumers_EveryKeyProcessedAndNeverTwiceAtOnce()
    {
        using var queue = new WorkQueue(new FakeTimeProvider());
        var inFlight = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var violations = 0;
        var processed = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var cts = new CancellationTokenSource(TestTimeouts.Default);

        var consumers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (await queue.GetAsync(cts.Token) is { } key)
            {
                if (inFlight.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
                {
                    Interlocked.Increment(ref violations);
                }

                await Task.Yield();
                inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
                processed.Add(key);
                queue.Done(key);
            }
        })).ToArray();

        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                queue.Add($"k{i % 10}");
            }
        })).ToArray();

        await Task.WhenAll(producers).WithTimeout();
        while (queue.Count > 0)
        {
            await Task.Yield();
        }

        queue.ShutDown();
        await Task.WhenAll(consumers).WithTimeout();

        Assert.Equal(0, violations);
        Assert.Equal(10, processed.Distinct().Count());
    }

    private sealed class FiresOnCreateTimeProvider : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            callback(state);
            return new SpentTimer();
        }

        private sealed class SpentTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
