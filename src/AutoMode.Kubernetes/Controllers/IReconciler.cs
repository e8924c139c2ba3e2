namespace AutoMode.Kubernetes.Controllers;

/// <summary>
/// Level-triggered reconcile of one queue key. Throwing sends the key back through per-key exponential backoff;
/// returning a RequeueAfter schedules the next visit. Never called concurrently for the same key.
/// </summary>
public interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken);
}
