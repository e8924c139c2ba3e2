namespace AutoMode.Core.Desired;

/// <summary>Node label keys EKS Auto Mode understands (it uses eks.amazonaws.com/*, not karpenter.k8s.aws/*).</summary>
public static class RequirementKeys
{
    public const string Arch = "kubernetes.io/arch";
    public const string CapacityType = "karpenter.sh/capacity-type";
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
    public const string InstanceType = "node.kubernetes.io/instance-type";
    public const string Zone = "topology.kubernetes.io/zone";
}
