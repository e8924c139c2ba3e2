namespace AutoMode.Kubernetes.Hosting;

/// <summary>What /readyz and /healthz report.</summary>
public interface IHealthState
{
    /// <summary>Every informer cache has synced and the manager is not shutting down.</summary>
    bool IsReady { get; }

    /// <summary>No informer has crashed.</summary>
    bool IsLive { get; }
}
