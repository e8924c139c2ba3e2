namespace AutoMode.Operator.Tests.ClusterRolePolicy;

/// <summary>
/// The system clock, recording every timer it is asked for: the AWS clients' retry pipeline waits through it, so the
/// recorded due times are the backoff delays it chose (real, but kept to milliseconds by the test options).
/// </summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate)
            {
                return [.. _delays];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow();

    public override long GetTimestamp() => System.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _delays.Add(dueTime);
        }

        return System.CreateTimer(callback, state, dueTime, period);
    }
}
