using AutoMode.Core.Api.V1Alpha1;
using k8s.Models;

namespace AutoMode.Testing.Builders;

/// <summary>Valid WorkloadClasses for tests, with overrides (Karpenter's test.NodePool(overrides) idea).</summary>
public static class WorkloadClasses
{
    public static V1Alpha1WorkloadClass Valid(string name, Action<V1Alpha1WorkloadClassSpec>? change = null)
    {
        var workloadClass = new V1Alpha1WorkloadClass
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1Alpha1WorkloadClassSpec
            {
                NodeRole = "AmazonEKSAutoNodeRole",
                Subnets = [new SubnetSelectorTerm { Tags = new Dictionary<string, string> { ["kubernetes.io/role/internal-elb"] = "1" } }],
                SecurityGroups = [new SecurityGroupSelectorTerm { Tags = new Dictionary<string, string> { ["kubernetes.io/cluster/demo"] = "owned" } }],
                Instances = new InstanceSelection { Categories = ["c", "m"], CapacityTypes = ["on-demand"] },
                Limits = new Dictionary<string, string> { ["cpu"] = "100", ["memory"] = "400Gi" },
            },
        };
        change?.Invoke(workloadClass.Spec);
        return workloadClass;
    }
}
