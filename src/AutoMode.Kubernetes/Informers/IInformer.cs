namespace AutoMode.Kubernetes.Informers;

/// <summary>The type-independent face of an informer, for the manager that starts them and waits for their caches.</summary>
public interface IInformer
{
    /// <summary>plural.group of the informed resource.</summary>
    string Name { get; }

    bool HasSynced { get; }

    /// <summary>Lists, then watches until cancelled; returns normally on cancellation.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Completes once the initial list is in the cache.</summary>
    Task WaitForSyncAsync(CancellationToken cancellationToken);
}
