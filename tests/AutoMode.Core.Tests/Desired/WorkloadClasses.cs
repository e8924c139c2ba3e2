using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Tests.Desired;

/// <summary>Builders for test classes: a minimal valid class plus overrides.</summary>
internal static class WorkloadClasses
{
    public static V1Alpha1WorkloadClass Build(Action<V1Alpha1WorkloadClassSpec>? spec = null, string name = "web", string? uid = null)
    {
        var workloadClass = new V1Alpha1WorkloadClass
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = name, Uid = uid },
            Spec = new V1Alpha1WorkloadClassSpec
            {
                NodeRole = "AmazonEKSAutoNodeRole",
                Subnets = [new SubnetSelectorTerm { Tags = new Dictionary<string, string> { ["Tier"] = "private" } }],
                SecurityGroups = [new SecurityGroupSelectorTerm { Id = "sg-0123456789abcdef0" }],
            },
        };
        spec?.Invoke(workloadClass.Spec);
        return workloadClass;
    }

    public static InstanceSelection Instances(V1Alpha1WorkloadClassSpec spec) => spec.Instances ??= new InstanceSelection();
}
