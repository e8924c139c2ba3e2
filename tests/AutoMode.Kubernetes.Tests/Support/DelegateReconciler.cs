using AutoMode.Kubernetes.Controllers;

namespace AutoMode.Kubernetes.Tests.Support;

internal sealed class DelegateReconciler(Func<string, CancellationToken, Task<ReconcileResult>> reconcile) : IReconciler
{
    public Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken) => reconcile(key, cancellationToken);
}
