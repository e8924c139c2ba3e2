using AutoMode.Kubernetes.Http;
using k8s;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes;

/// <summary>
/// Builds the operator's clients. The main client carries the <see cref="RetryHandler"/> (the only retry layer);
/// the leader-election client has its own connection pool, no retries and a short timeout, so a busy or retrying main
/// client can never delay a lease renewal past its deadline.
/// </summary>
public static class KubernetesClientFactory
{
    /// <summary>
    /// Configuration in controller-runtime's order: an explicit kubeconfig path, then <c>KUBECONFIG</c> (its first
    /// entry), then the in-cluster service account, then <c>~/.kube/config</c>.
    /// </summary>
    public static KubernetesClientConfiguration LoadConfiguration(
        string? kubeconfigPath = null,
        Func<string, string?>? getEnvironmentVariable = null,
        Func<bool>? isInCluster = null)
    {
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(kubeconfigPath))
        {
            return KubeconfigReader.BuildConfiguration(kubeconfigPath);
        }

        var fromEnv = env("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return KubeconfigReader.BuildConfiguration(fromEnv);
        }

        if ((isInCluster ?? KubernetesClientConfiguration.IsInCluster)())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        return KubeconfigReader.BuildConfiguration(KubernetesClientConfiguration.KubeConfigDefaultLocation);
    }

    /// <summary>The main client: every non-watch request goes through the retry handler.</summary>
    public static IKubernetes Create(KubernetesClientConfiguration configuration, RetryHandlerOptions? retry = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new k8s.Kubernetes(configuration, new RetryHandler(retry, timeProvider, logger));
    }

    /// <summary>
    /// A separate client for the Lease: no retry handler (the elector retries on its own schedule) and a request
    /// timeout below the renew deadline. Pass a configuration object of its own; its timeout is set here.
    /// </summary>
    public static IKubernetes CreateForLeaderElection(KubernetesClientConfiguration configuration, TimeSpan requestTimeout)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.HttpClientTimeout = requestTimeout;
        return new k8s.Kubernetes(configuration);
    }
}
