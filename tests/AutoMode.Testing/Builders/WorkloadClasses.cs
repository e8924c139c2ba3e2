using AutoMode.Core.Api.V1Alpha1;
using k8s.Models;

namespace AutoMode.Testing.Builders;

/// <summary>Valid WorkloadClasses for tests, with overrides (Karpenter's test.NodePool(overrides) idea).</summary>
public static class WorkloadClasses
{
    /// <summary>Only the required fields (nodeRole, subnets, securityGroups): what renderer tests start from.</summary>
    public static V1Alpha1WorkloadClass Minimal(string name = "web", Action<V1Alpha1WorkloadClassSpec>? change = null, string? uid = null)
    {
        var workloadClass = new V1Alpha1WorkloadClass
        {
            Metadata = new V1ObjectMeta { Name = name, Uid = uid },
            Spec = new V1Alpha1WorkloadClassSpec
            {
                NodeRole = "AmazonEKSAutoNodeRole",
                Subnets = [new SubnetSelectorTerm { Tags = new Dictionary<string, string> { ["kubernetes.io/role/internal-elb"] = "1" } }],
                SecurityGroups = [new SecurityGroupSelectorTerm { Tags = new Dictionary<string, string> { ["kubernetes.io/cluster/demo"] = "owned" } }],
            },
        };
        change?.Invoke(workloadClass.Spec);
        return workloadClass;
    }

    /// <summary>A typical class: the required fields plus instance categories, capacity type and limits.</summary>
    public static V1Alpha1WorkloadClass Valid(string name, Action<V1Alpha1WorkloadClassSpec>? change = null) =>
        Minimal(name, spec =>
        {
            spec.Instances = new InstanceSelection { Categories = ["c", "m"], CapacityTypes = ["on-demand"] };
            spec.Limits = new Dictionary<string, string> { ["cpu"] = "100", ["memory"] = "400Gi" };
            change?.Invoke(spec);
        });
}
