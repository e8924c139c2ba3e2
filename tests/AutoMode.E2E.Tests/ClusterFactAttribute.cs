namespace AutoMode.E2E.Tests;

/// <summary>
/// A fact that needs a real cluster: skipped, with the reason, unless OPERATOR_E2E=1 and a kubeconfig is usable (and,
/// with <see cref="Iam"/>, an IAM endpoint and E2E_CLUSTER_NAME are set). See <see cref="E2eEnvironment"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ClusterFactAttribute : FactAttribute
{
    private bool _iam;

    public ClusterFactAttribute()
    {
        Skip = E2eEnvironment.SkipReason;
    }

    /// <summary>The test also talks to IAM/EKS.</summary>
    public bool Iam
    {
        get => _iam;
        set
        {
            _iam = value;
            Skip = value ? E2eEnvironment.IamSkipReasonOrNull : E2eEnvironment.SkipReason;
        }
    }
}
