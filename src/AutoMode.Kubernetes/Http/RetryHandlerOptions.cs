namespace AutoMode.Kubernetes.Http;

public sealed record RetryHandlerOptions
{
    /// <summary>Total attempts including the first; 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>First step of the jittered exponential backoff.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one attempt (a non-watch request) may take before it is abandoned and retried. Without it, one call
    /// that never answers (a half-open connection behind a load balancer) would hold a worker, and its key, forever.
    /// Zero turns it off.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound on a server's Retry-After, so a bad header cannot park a reconcile for hours.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);
}
