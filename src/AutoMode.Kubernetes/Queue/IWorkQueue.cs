namespace AutoMode.Kubernetes.Queue;

/// <summary>
/// client-go style work queue: a key waiting is held once (de-duplicated); a key being processed is never handed out
/// again until Done; a key added while processing is re-queued after Done; delayed adds keep the earliest time.
/// </summary>
public interface IWorkQueue
{
    void Add(string key);

    void AddAfter(string key, TimeSpan delay);

    /// <summary>
    /// Makes <paramref name="delay"/> the key's only delayed add, replacing an earlier or later one; null cancels it.
    /// For a reconcile's own result: it computed every reason to come back, so a timer an earlier reconcile asked for
    /// is stale (it would only run a reconcile that changes nothing).
    /// </summary>
    void Reschedule(string key, TimeSpan? delay);

    /// <summary>Re-adds after the key's next exponential backoff step (failures).</summary>
    void AddRateLimited(string key);

    /// <summary>Resets the key's backoff (success).</summary>
    void Forget(string key);

    /// <summary>Waits for the next key; null once the queue is shut down.</summary>
    ValueTask<string?> GetAsync(CancellationToken cancellationToken);

    void Done(string key);

    int Count { get; }

    void ShutDown();
}
