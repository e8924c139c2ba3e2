using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace AutoMode.Kubernetes.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer it creates, so a test can wait until code under test has
/// armed its timer before advancing the clock (advancing first would silently move the timer's start).
/// </summary>
internal sealed class TimerTrackingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public ConcurrentQueue<TimeSpan> DueTimes { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        DueTimes.Enqueue(dueTime);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits for the next timer created (in creation order) and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        return await _created.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Waits for the next timer with exactly this due time, skipping others.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        while (await _created.Reader.ReadAsync(cts.Token) != dueTime)
        {
        }
    }
}
