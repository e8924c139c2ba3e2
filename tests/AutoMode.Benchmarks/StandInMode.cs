namespace AutoMode.Benchmarks;

/// <summary>When the bench plays EKS Auto Mode's part (setting NodeClass/NodePool Ready) on a BENCH_KUBECONFIG cluster.</summary>
internal enum StandInMode
{
    /// <summary>Only if no Auto Mode controller reports Ready on the warm-up objects within the grace period (default).</summary>
    Auto,

    /// <summary>Always, right away (<c>--auto-mode-stand-in</c>): kind, envtest, kubeadm.</summary>
    Always,

    /// <summary>Never (<c>--no-auto-mode-stand-in</c>): an EKS Auto Mode cluster.</summary>
    Never,
}
