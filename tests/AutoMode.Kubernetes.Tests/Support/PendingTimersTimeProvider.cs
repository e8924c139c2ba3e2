using Microsoft.Extensions.Time.Testing;

namespace AutoMode.Kubernetes.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts one-shot timers armed and neither fired nor disposed, so a test that
/// drives several loops on one clock can advance in small steps and, after each, wait until every loop is parked on
/// its next timer again (instead of guessing with a real delay).
/// </summary>
internal sealed class PendingTimersTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _pending;

    public int Pending => Volatile.Read(ref _pending);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan || period != Timeout.InfiniteTimeSpan)
        {
            return base.CreateTimer(callback, state, dueTime, period);
        }

        var settled = 0;
        Interlocked.Increment(ref _pending);
        void Settle()
        {
            if (Interlocked.Exchange(ref settled, 1) == 0)
            {
                Interlocked.Decrement(ref _pending);
            }
        }

        var timer = base.CreateTimer(
            s =>
            {
                Settle();
                callback(s);
            },
            state,
            dueTime,
            period);
        return new SettlingTimer(timer, Settle);
    }

    /// <summary>Waits until exactly <paramref name="expected"/>() timers are pending (re-evaluated as it changes).</summary>
    public async Task WaitForPendingAsync(Func<int> expected)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        while (Pending != expected())
        {
            // The loops re-arm on worker threads within microseconds; yield until they have.
            await Task.Delay(1, deadline.Token);
        }
    }

    private sealed class SettlingTimer(ITimer inner, Action settle) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            settle();
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            settle();
            return inner.DisposeAsync();
        }
    }
}
