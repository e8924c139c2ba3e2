namespace AutoMode.Kubernetes.LeaderElection;

/// <summary>Lease-based leader election settings; defaults match client-go and KubeOps (15 s / 10 s / 2 s).</summary>
public sealed record LeaderElectionOptions
{
    public required string Namespace { get; init; }

    public string LeaseName { get; init; } = "automode-operator-leader";

    /// <summary>Unique per replica: the pod name from the downward API.</summary>
    public required string Identity { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
