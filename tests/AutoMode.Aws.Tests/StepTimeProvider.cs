using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace AutoMode.Aws.Tests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer armed with a finite due time, so a test can wait until
/// the retry pipeline is actually sleeping (no wall-clock waits) and then advance exactly that delay.
/// </summary>
internal sealed class StepTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider inner = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));
    private readonly Channel<TimeSpan> armed = Channel.CreateUnbounded<TimeSpan>();
    private readonly List<TimeSpan> requested = [];

    public IReadOnlyList<TimeSpan> RequestedDelays
    {
        get
        {
            lock (requested)
            {
                return [.. requested];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        return new RecordingTimer(this, inner.CreateTimer(callback, state, dueTime, period));
    }

    /// <summary>Waits until a timer is armed, advances the clock by its due time and returns it.</summary>
    public async Task<TimeSpan> AdvanceNextDelayAsync(TimeSpan timeout)
    {
        var delay = await armed.Reader.ReadAsync().AsTask().WaitAsync(timeout);
        inner.Advance(delay);
        return delay;
    }

    public Task<TimeSpan> NextArmedDelayAsync(TimeSpan timeout) => armed.Reader.ReadAsync().AsTask().WaitAsync(timeout);

    public void Advance(TimeSpan delay) => inner.Advance(delay);

    private void Record(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan || dueTime <= TimeSpan.Zero)
        {
            return;
        }

        lock (requested)
        {
            requested.Add(dueTime);
        }

        armed.Writer.TryWrite(dueTime);
    }

    private sealed class RecordingTimer(StepTimeProvider owner, ITimer timer) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Record(dueTime);
            return timer.Change(dueTime, period);
        }

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
