namespace AutoMode.Kubernetes.Events;

public sealed record EventRecorderOptions
{
    /// <summary>An identical (object uid, type, reason, message) within this window is not sent again.</summary>
    public TimeSpan DedupeWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Events waiting to be sent; beyond this, new events are dropped (and logged) rather than block a reconcile.</summary>
    public int Capacity { get; init; } = 256;

    public string ReportingComponent { get; init; } = "automode-operator";

    /// <summary>This replica (the pod name).</summary>
    public string ReportingInstance { get; init; } = Environment.MachineName;

    /// <summary>Where events about cluster-scoped objects go, as kubectl describe looks for them.</summary>
    public string ClusterScopedNamespace { get; init; } = "default";
}
