namespace AutoMode.Kubernetes.Controllers;

/// <summary>What a reconcile asks of the queue: nothing more, or another visit after a delay (next schedule transition, AWS resync).</summary>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter)
{
    public static ReconcileResult Done => new(null);

    public static ReconcileResult After(TimeSpan delay) => new(delay < TimeSpan.Zero ? TimeSpan.Zero : delay);

    /// <summary>The earlier of two requests; "no requeue" loses to any delay.</summary>
    public ReconcileResult Min(ReconcileResult other) =>
        (RequeueAfter, other.RequeueAfter) switch
        {
            (null, _) => other,
            (_, null) => this,
            var (a, b) => a <= b ? this : other,
        };
}
