namespace AutoMode.Core.Validation;

/// <summary>
/// Node label keys on EKS Auto Mode (automode-facts.md section 2): the well-known keys the operator renders, and the
/// allow-list raw requirements and node labels are checked against. Mirrors the label-domain CEL rules of the
/// Auto Mode NodePool CRD, tightened for Linux-only Auto Mode and the operator's own domain.
/// </summary>
public static class AutoModeLabels
{
    public const string Arch = "kubernetes.io/arch";
    public const string Os = "kubernetes.io/os";
    public const string BetaOs = "beta.kubernetes.io/os";
    public const string WindowsBuild = "node.kubernetes.io/windows-build";
    public const string InstanceType = "node.kubernetes.io/instance-type";
    public const string Zone = "topology.kubernetes.io/zone";
    public const string Region = "topology.kubernetes.io/region";
    public const string CapacityType = "karpenter.sh/capacity-type";
    public const string NodePool = "karpenter.sh/nodepool";
    public const string NodeClass = "eks.amazonaws.com/nodeclass";
    public const string ComputeType = "eks.amazonaws.com/compute-type";
    public const string InstanceCategory = "eks.amazonaws.com/instance-category";
    public const string InstanceFamily = "eks.amazonaws.com/instance-family";
    public const string InstanceGeneration = "eks.amazonaws.com/instance-generation";
    public const string InstanceSize = "eks.amazonaws.com/instance-size";
    public const string InstanceCpu = "eks.amazonaws.com/instance-cpu";
    public const string InstanceMemory = "eks.amazonaws.com/instance-memory";
    public const string InstanceGpuName = "eks.amazonaws.com/instance-gpu-name";
    public const string InstanceGpuManufacturer = "eks.amazonaws.com/instance-gpu-manufacturer";
    public const string InstanceGpuCount = "eks.amazonaws.com/instance-gpu-count";
    public const string InstanceGpuMemory = "eks.amazonaws.com/instance-gpu-memory";

    /// <summary>The only <c>eks.amazonaws.com/*</c> keys the Auto Mode NodePool CRD accepts.</summary>
    public static IReadOnlySet<string> EksKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        NodeClass, ComputeType, "eks.amazonaws.com/instance-encryption-in-transit-supported", InstanceCategory,
        "eks.amazonaws.com/instance-hypervisor", InstanceFamily, InstanceGeneration, "eks.amazonaws.com/instance-local-nvme",
        InstanceSize, InstanceCpu, "eks.amazonaws.com/instance-cpu-manufacturer",
        "eks.amazonaws.com/instance-cpu-sustained-clock-speed-mhz", InstanceMemory, "eks.amazonaws.com/instance-ebs-bandwidth",
        "eks.amazonaws.com/instance-network-bandwidth", InstanceGpuName, InstanceGpuManufacturer, InstanceGpuCount,
        InstanceGpuMemory, "eks.amazonaws.com/instance-accelerator-name", "eks.amazonaws.com/instance-accelerator-manufacturer",
        "eks.amazonaws.com/instance-accelerator-count",
    };

    /// <summary>The <c>kubernetes.io</c>-domain keys a requirement may use (Windows-only keys excluded: Auto Mode is Linux only).</summary>
    public static IReadOnlySet<string> KubernetesRequirementKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "beta.kubernetes.io/instance-type", "failure-domain.beta.kubernetes.io/region", BetaOs, "beta.kubernetes.io/arch",
        "failure-domain.beta.kubernetes.io/zone", Zone, Region, InstanceType, Arch, Os,
    };

    /// <summary>The label domain of <paramref name="key"/>: the text before the first '/', or the whole key without one (as the CRD's <c>find('^[^/]+')</c>).</summary>
    public static string Domain(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? key : key[..slash];
    }

    /// <summary>Why <paramref name="key"/> may not be used in a raw requirement; one message per CRD rule it breaks, empty when allowed.</summary>
    public static IReadOnlyList<string> RequirementKeyProblems(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var domain = Domain(key);
        var problems = new List<string>();
        if (!KubernetesRequirementKeys.Contains(key) && !domain.EndsWith("node.kubernetes.io", StringComparison.Ordinal)
            && !domain.EndsWith("node-restriction.kubernetes.io", StringComparison.Ordinal) && domain.EndsWith("kubernetes.io", StringComparison.Ordinal))
        {
            problems.Add($"label domain \"kubernetes.io\" is restricted on EKS Auto Mode; use a supported key such as {Arch}, {Zone} or {InstanceType}");
        }

        if (key == WindowsBuild)
        {
            problems.Add($"EKS Auto Mode runs Linux nodes only; remove the {WindowsBuild} requirement");
        }

        AddCommonDomainProblems(key, domain, problems, forRequirement: true);
        return problems;
    }

    /// <summary>Why <paramref name="key"/> may not be a node label the class sets; one message per CRD rule it breaks, empty when allowed.</summary>
    public static IReadOnlyList<string> NodeLabelKeyProblems(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var domain = Domain(key);
        var problems = new List<string>();
        if (!LabelKeySyntax.IsValidKey(key))
        {
            problems.Add("a label key is an optional DNS-subdomain prefix and '/', then 1-63 characters [A-Za-z0-9._-] starting and ending alphanumeric; at most 316 characters in all");
        }

        if (!domain.EndsWith("node.kubernetes.io", StringComparison.Ordinal) && !domain.EndsWith("node-restriction.kubernetes.io", StringComparison.Ordinal)
            && domain.EndsWith("kubernetes.io", StringComparison.Ordinal))
        {
            problems.Add("keys in the \"kubernetes.io\" domain are set by Kubernetes and Auto Mode; use your own label domain (or node-restriction.kubernetes.io)");
        }

        AddCommonDomainProblems(key, domain, problems, forRequirement: false);
        return problems;
    }

    private static void AddCommonDomainProblems(string key, string domain, List<string> problems, bool forRequirement)
    {
        if (!domain.EndsWith("kops.k8s.io", StringComparison.Ordinal) && domain.EndsWith("k8s.io", StringComparison.Ordinal))
        {
            problems.Add("label domain \"k8s.io\" is restricted; use your own label domain");
        }

        if (domain.EndsWith("karpenter.sh", StringComparison.Ordinal) && !(forRequirement && key == CapacityType))
        {
            problems.Add(forRequirement
                ? $"label domain \"karpenter.sh\" is restricted; only {CapacityType} may be used (or use instances.capacityTypes)"
                : "keys in the \"karpenter.sh\" domain are set by Karpenter; use your own label domain");
        }

        if (domain.EndsWith("karpenter.k8s.aws", StringComparison.Ordinal))
        {
            problems.Add("karpenter.k8s.aws labels do not exist on EKS Auto Mode; use the eks.amazonaws.com/instance-* equivalent (e.g. eks.amazonaws.com/instance-family)");
        }

        if (domain.EndsWith("eks.amazonaws.com", StringComparison.Ordinal) && !(forRequirement && EksKeys.Contains(key)))
        {
            problems.Add(forRequirement
                ? "label domain \"eks.amazonaws.com\" is restricted; only the documented Auto Mode keys (eks.amazonaws.com/instance-category, -family, -generation, -size, -cpu, -memory, -gpu-*, ...) may be used"
                : "keys in the \"eks.amazonaws.com\" domain are set by EKS Auto Mode; use your own label domain");
        }

        if (domain.EndsWith("automode.io", StringComparison.Ordinal))
        {
            problems.Add("label domain \"automode.io\" is reserved for the operator (it sets automode.io/workload-class itself); use your own label domain");
        }
    }
}
