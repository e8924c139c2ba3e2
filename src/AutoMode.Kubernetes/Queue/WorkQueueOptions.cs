namespace AutoMode.Kubernetes.Queue;

/// <summary>Per-key failure backoff: BaseDelay * 2^(failures-1), plus up to JitterFraction of that, capped at MaxDelay.</summary>
public sealed record WorkQueueOptions
{
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Fraction of the step added at random, so keys failing together do not retry in lock-step.</summary>
    public double JitterFraction { get; init; } = 0.1;
}
