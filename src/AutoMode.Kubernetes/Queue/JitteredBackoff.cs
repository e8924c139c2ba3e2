using System.Diagnostics.CodeAnalysis;

namespace AutoMode.Kubernetes.Queue;

/// <summary>
/// Exponential backoff with jitter, shared by the work queue (per-key retries) and the informers (reconnects):
/// base x 2^(attempt - 1), plus up to <c>jitterFraction</c> of that at random so replicas do not retry in lock-step,
/// capped at max.
/// </summary>
internal sealed class JitteredBackoff(TimeSpan baseDelay, TimeSpan maxDelay, double jitterFraction, Random random)
{
    /// <summary>The delay before attempt number <paramref name="attempt"/> (1 for the first retry).</summary>
    public TimeSpan For(int attempt)
    {
        var step = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var ms = Math.Min(step + (step * jitterFraction * NextRandom()), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>A draw in [0, 1) from the same source, for callers that jitter something else too.</summary>
    [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Jitter, not security.")]
    public double NextRandom() => random.NextDouble();
}
