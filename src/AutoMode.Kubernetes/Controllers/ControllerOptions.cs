namespace AutoMode.Kubernetes.Controllers;

public sealed record ControllerOptions
{
    /// <summary>Workers pulling from the queue; the queue guarantees one key is never on two workers.</summary>
    public int MaxConcurrentReconciles { get; init; } = 2;
}
