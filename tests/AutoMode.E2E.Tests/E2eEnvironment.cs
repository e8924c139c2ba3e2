using System.Globalization;
using AutoMode.Testing.Schemas;

namespace AutoMode.E2E.Tests;

/// <summary>
/// Everything the end-to-end tests read from the environment, and why a test would be skipped. Decided once per
/// process from the variables alone (no cluster call), so discovery stays fast and a skip message is always specific.
/// </summary>
internal static class E2eEnvironment
{
    public const string EnableVariable = "OPERATOR_E2E";
    public const string CrdsDirVariable = "E2E_CRDS_DIR";
    public const string SkipCrdInstallVariable = "E2E_SKIP_CRD_INSTALL";
    public const string KeepCrdsVariable = "E2E_KEEP_CRDS";
    public const string ClusterNameVariable = "E2E_CLUSTER_NAME";
    public const string RealAwsVariable = "E2E_USE_REAL_AWS";
    public const string TimeoutVariable = "E2E_TIMEOUT_SECONDS";
    public const string AutoModeGraceVariable = "E2E_AUTOMODE_GRACE_SECONDS";
    public const string LogDirVariable = "E2E_LOG_DIR";

    private static readonly Lazy<string?> ClusterSkip = new(() => ClusterSkipReason(Environment.GetEnvironmentVariable));
    private static readonly Lazy<string?> IamSkip = new(() => IamSkipReason(Environment.GetEnvironmentVariable));

    /// <summary>Why cluster tests cannot run here, or null when they can.</summary>
    public static string? SkipReason => ClusterSkip.Value;

    /// <summary>Why the IAM test cannot run here (cluster reasons first), or null when it can.</summary>
    public static string? IamSkipReasonOrNull => ClusterSkip.Value ?? IamSkip.Value;

    public static bool IamConfigured => IamSkip.Value is null;

    /// <summary>EKS cluster whose role the IAM test checks.</summary>
    public static string ClusterName => Variable(ClusterNameVariable) ?? "";

    /// <summary>True when the CRDs must already be served (e.g. the cluster manages them, or the user may not write CRDs).</summary>
    public static bool SkipCrdInstall => IsOn(Variable(SkipCrdInstallVariable));

    public static bool KeepCrds => IsOn(Variable(KeepCrdsVariable));

    /// <summary>How long one wait (Ready, an update, garbage collection) may take on a slow cluster.</summary>
    public static TimeSpan Timeout => Seconds(TimeoutVariable, 120);

    /// <summary>How long a generated object may stay without a Ready condition before the test plays Auto Mode's part.</summary>
    public static TimeSpan AutoModeGrace => Seconds(AutoModeGraceVariable, 5);

    public static string LogDirectory => Variable(LogDirVariable) ?? RepositoryPaths.Combine("artifacts", "e2e");

    /// <summary>The NodePool/NodeClaim/NodeClass CRD source: E2E_CRDS_DIR, else ../shared/crds/upstream, else null.</summary>
    public static CrdSource? CrdSource(Func<string, string?> env)
    {
        if (env(CrdsDirVariable) is { Length: > 0 } dir)
        {
            return new CrdSource(Path.GetFullPath(dir), IsSharedUpstream: false);
        }

        return RepositoryPaths.UpstreamCrds is { } upstream ? new CrdSource(upstream, IsSharedUpstream: true) : null;
    }

    internal static string? ClusterSkipReason(Func<string, string?> env)
    {
        if (!IsOn(env(EnableVariable)))
        {
            return $"End-to-end test: set {EnableVariable}=1 (make e2e does) and point KUBECONFIG at a cluster to run it.";
        }

        if (Kubeconfig(env) is { } problem)
        {
            return problem;
        }

        if (IsOn(env(SkipCrdInstallVariable)))
        {
            return null;
        }

        if (env(CrdsDirVariable) is { Length: > 0 } dir)
        {
            return Directory.Exists(dir) ? null : $"{CrdsDirVariable}={dir} is not a directory (it must hold the NodePool, NodeClaim and NodeClass CRDs as YAML).";
        }

        return RepositoryPaths.UpstreamCrds is null
            ? $"{CrdsDirVariable} is not set: point it at a directory with the NodePool, NodeClaim and NodeClass CRDs as YAML " +
              $"(or set {SkipCrdInstallVariable}=1 when the cluster already serves them, as an EKS Auto Mode cluster does)."
            : null;
    }

    internal static string? IamSkipReason(Func<string, string?> env)
    {
        var endpoint = env("AWS_ENDPOINT_URL_IAM") is { Length: > 0 } || env("AWS_ENDPOINT_URL") is { Length: > 0 } || IsOn(env(RealAwsVariable));
        if (!endpoint)
        {
            return $"IAM end-to-end test: set AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_IAM) to an IAM/EKS-compatible endpoint, or {RealAwsVariable}=1 for AWS itself.";
        }

        return env(ClusterNameVariable) is { Length: > 0 }
            ? null
            : $"IAM end-to-end test: set {ClusterNameVariable} to the EKS cluster whose IAM role should get the tag-propagation policy.";
    }

    private static string? Kubeconfig(Func<string, string?> env)
    {
        var fromEnv = env("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return File.Exists(fromEnv) ? null : $"End-to-end test: KUBECONFIG={fromEnv} does not exist.";
        }

        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        return File.Exists(home) ? null : $"End-to-end test: no cluster configured (KUBECONFIG is unset and {home} does not exist).";
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static bool IsOn(string? value) => value is "1" or "true" or "True" or "TRUE" or "yes";

    private static TimeSpan Seconds(string variable, int fallback) =>
        int.TryParse(Variable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(fallback);
}
