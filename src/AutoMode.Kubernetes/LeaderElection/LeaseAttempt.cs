namespace AutoMode.Kubernetes.LeaderElection;

/// <summary>
/// The outcome of one try at the lease: it succeeded, another candidate holds it, or it failed with a one-line cause.
/// <see cref="StartedAt"/> is the <see cref="TimeProvider"/> timestamp the try began at.
/// </summary>
internal readonly record struct LeaseAttempt(bool Succeeded, long StartedAt, string? HeldBy, string? Error)
{
    public static LeaseAttempt Success(long at) => new(true, at, null, null);

    public static LeaseAttempt Held(long at, string holder) => new(false, at, holder, null);

    public static LeaseAttempt Failed(long at, string error) => new(false, at, null, error);

    /// <summary>
    /// Runs one try; when it has not finished within <paramref name="limit"/> it is cancelled and counts as failed.
    /// <paramref name="run"/> must not fault (every failure is an outcome).
    /// </summary>
    public static async Task<LeaseAttempt> RunBoundedAsync(Func<CancellationToken, Task<LeaseAttempt>> run, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var attempt = run(attemptCts.Token);
        if (!attempt.IsCompleted)
        {
            try
            {
                await attempt.WaitAsync(limit, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                await attemptCts.CancelAsync();
                // The outcome is decided; wait for the cancelled call to unwind (attempts never fault).
                await ((Task)attempt).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                return Failed(0, $"no answer within {limit.TotalSeconds:0.#} s");
            }
        }

        return await attempt;
    }
}
