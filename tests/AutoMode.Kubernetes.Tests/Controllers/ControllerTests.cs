using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AutoMode.Kubernetes.Controllers;
using AutoMode.Kubernetes.Queue;
using AutoMode.Kubernetes.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Kubernetes.Tests.Controllers;

public sealed class ControllerTests
{
    private static readonly WorkQueueOptions NoJitter = new() { JitterFraction = 0 };

    [Fact]
    public async Task ReconcileThrows_KeyRetriedWithGrowingBackoff_ThenForgottenOnSuccess()
    {
        var time = new TimerTrackingTimeProvider();
        var queue = new RecordingWorkQueue(new WorkQueue(time, NoJitter));
        var calls = 0;
        var reconciler = new DelegateReconciler((_, _) =>
            Interlocked.Increment(ref calls) <= 2
                ? throw new InvalidOperationException("boom")
                : Task.FromResult(ReconcileResult.Done));
        using var cts = new CancellationTokenSource();
        var controller = new Controller("test.backoff", reconciler, queue, NullLogger.Instance, timeProvider: time);
        var run = controller.RunAsync(cts.Token);

        queue.Add("a");
        await queue.WaitForAsync("AddRateLimited a");
        Assert.Equal(TimeSpan.FromMilliseconds(200), await time.NextTimerAsync());
        time.Advance(TimeSpan.FromMilliseconds(200));
        await queue.WaitForAsync("AddRateLimited a");
        Assert.Equal(TimeSpan.FromMilliseconds(400), await time.NextTimerAsync());
        time.Advance(TimeSpan.FromMilliseconds(399));
        Assert.Equal(2, Volatile.Read(ref calls));
        time.Advance(TimeSpan.FromMilliseconds(1));
        var tail = await queue.WaitForAsync("Forget a");

        Assert.Equal(3, Volatile.Read(ref calls));
        Assert.DoesNotContain("AddRateLimited a", tail);
        await cts.CancelAsync();
        await run.WithTimeout();
    }

    [Fact]
    public async Task ReconcileReturnsRequeueAfter_KeyComesBackExactlyThen()
    {
        var time = new TimerTrackingTimeProvider();
        var queue = new RecordingWorkQueue(new WorkQueue(time, NoJitter));
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var reconciler = new DelegateReconciler((_, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                return Task.FromResult(ReconcileResult.After(TimeSpan.FromSeconds(30)));
            }

            second.TrySetResult();
            return Task.FromResult(ReconcileResult.Done);
        });
        using var cts = new CancellationTokenSource();
        var run = new Controller("test.requeue", reconciler, queue, NullLogger.Instance, timeProvider: time).RunAsync(cts.Token);

        queue.Add("a");
        await queue.WaitForAsync("Reschedule a 00:00:30");
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, Volatile.Read(ref calls));
        time.Advance(TimeSpan.FromMilliseconds(1));

        await second.Task.WithTimeout();
        await cts.CancelAsync();
        await run.WithTimeout();
    }

    [Fact]
    public async Task LaterReconcileReturnsDone_EarlierRequeueTimerIsDropped()
    {
        var time = new TimerTrackingTimeProvider();
        var inner = new WorkQueue(time, NoJitter);
        var queue = new RecordingWorkQueue(inner);
        var calls = 0;
        var reconciler = new DelegateReconciler((_, _) =>
            Task.FromResult(Interlocked.Increment(ref calls) == 1 ? ReconcileResult.After(TimeSpan.FromSeconds(30)) : ReconcileResult.Done));
        using var cts = new CancellationTokenSource();
        var run = new Controller("test.stale", reconciler, queue, NullLogger.Instance, timeProvider: time).RunAsync(cts.Token);

        queue.Add("a");
        await queue.WaitForAsync("Reschedule a 00:00:30");
        Assert.Equal(1, inner.DelayedCount);
        queue.Add("a");
        await queue.WaitForAsync("Reschedule a none");

        // Only what the latest reconcile asked for is pending: no wake-up at 30 s to reconcile for nothing.
        Assert.Equal(0, inner.DelayedCount);
        Assert.Equal(2, Volatile.Read(ref calls));
        await cts.CancelAsync();
        await run.WithTimeout();
    }

    [Fact]
    public async Task ManyKeys_NeverMoreReconcilesAtOnceThanWorkers()
    {
        const int workers = 3;
        const int keys = 12;
        var gate = new SemaphoreSlim(0);
        var current = 0;
        var max = 0;
        var completed = 0;
        var saturated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new DelegateReconciler(async (_, ct) =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref max, now);
            if (now == workers)
            {
                saturated.TrySetResult();
            }

            await gate.WaitAsync(ct);
            Interlocked.Decrement(ref current);
            if (Interlocked.Increment(ref completed) == keys)
            {
                allDone.TrySetResult();
            }

            return ReconcileResult.Done;
        });
        var queue = new WorkQueue(new TimerTrackingTimeProvider());
        using var cts = new CancellationTokenSource();
        var run = new Controller("test.bounded", reconciler, queue, NullLogger.Instance, new ControllerOptions { MaxConcurrentReconciles = workers }).RunAsync(cts.Token);

        for (var i = 0; i < keys; i++)
        {
            queue.Add($"k{i}");
        }

        await saturated.Task.WithTimeout();
        Assert.Equal(keys - workers, queue.Count);
        gate.Release(keys);
        await allDone.Task.WithTimeout();

        Assert.Equal(workers, Volatile.Read(ref max));
        await cts.CancelAsync();
        await run.WithTimeout();
    }

    [Fact]
    public async Task SameKeyAddedWhileReconciling_NeverRunsConcurrently_AndRunsOnceMore()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondRun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var overlaps = 0;
        var calls = 0;
        var reconciler = new DelegateReconciler(async (_, _) =>
        {
            if (Interlocked.Increment(ref inFlight) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            var call = Interlocked.Increment(ref calls);
            if (call == 1)
            {
                started.TrySetResult();
                await gate.Task;
            }
            else
            {
                secondRun.TrySetResult();
            }

            Interlocked.Decrement(ref inFlight);
            return ReconcileResult.Done;
        });
        var queue = new RecordingWorkQueue(new WorkQueue(new TimerTrackingTimeProvider()));
        using var cts = new CancellationTokenSource();
        var run = new Controller("test.samekey", reconciler, queue, NullLogger.Instance, new ControllerOptions { MaxConcurrentReconciles = 4 }).RunAsync(cts.Token);

        queue.Add("a");
        await started.Task.WithTimeout();
        queue.Add("a");
        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Count);
        gate.SetResult();
        await secondRun.Task.WithTimeout();
        await queue.WaitForAsync("Done a");
        await queue.WaitForAsync("Done a");

        Assert.Equal(0, Volatile.Read(ref overlaps));
        Assert.Equal(2, Volatile.Read(ref calls));
        await cts.CancelAsync();
        await run.WithTimeout();
    }

    [Fact]
    public async Task Cancellation_CancelsInFlightReconcileAndStopsWorkers()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawCancellation = false;
        var reconciler = new DelegateReconciler(async (_, ct) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException)
            {
                sawCancellation = true;
                throw;
            }

            return ReconcileResult.Done;
        });
        var queue = new RecordingWorkQueue(new WorkQueue(new TimerTrackingTimeProvider()));
        using var cts = new CancellationTokenSource();
        var run = new Controller("test.cancel", reconciler, queue, NullLogger.Instance).RunAsync(cts.Token);
        queue.Add("a");
        await started.Task.WithTimeout();

        await cts.CancelAsync();
        await run.WithTimeout();

        Assert.True(sawCancellation);
        Assert.Null(await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reconciles_AreCountedAndTracedWithControllerAndResult()
    {
        const string name = "test.telemetry";
        var results = new ConcurrentQueue<string>();
        var spans = new ConcurrentQueue<Activity>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Telemetry.Name && instrument.Name == "automode_reconcile_total")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var dict = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            if (dict.GetValueOrDefault("controller") == name)
            {
                results.Enqueue(dict["result"]!);
            }
        });
        meters.Start();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Telemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == name)
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        var reconciler = new DelegateReconciler((key, _) =>
            key == "bad" ? throw new InvalidOperationException("boom") : Task.FromResult(ReconcileResult.Done));
        var queue = new RecordingWorkQueue(new WorkQueue(new TimerTrackingTimeProvider()));
        using var cts = new CancellationTokenSource();
        var run = new Controller(name, reconciler, queue, NullLogger.Instance, new ControllerOptions { MaxConcurrentReconciles = 1 }).RunAsync(cts.Token);

        queue.Add("good");
        await queue.WaitForAsync("Done good");
        queue.Add("bad");
        await queue.WaitForAsync("Done bad");
        await cts.CancelAsync();
        await run.WithTimeout();

        Assert.Equal(["success", "error"], results.ToArray());
        Assert.Equal([("good", "success"), ("bad", "error")], spans.Select(s => ((string)s.GetTagItem("key")!, (string)s.GetTagItem("result")!)).ToArray());
        Assert.All(spans, s => Assert.Equal(name, s.GetTagItem("controller")));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
