using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty.Eks.V1;

namespace AutoMode.Core.Import;

/// <summary>
/// NodeClass spec -> the node settings of a WorkloadClass, field for field. Values are copied as written, defaults
/// included, so the class says explicitly what runs; whatever has no place here shows up in the owned-field comparison.
/// </summary>
internal static class NodeClassImporter
{
    public static void Fill(V1Alpha1WorkloadClassSpec spec, V1NodeClassSpec nodeClass)
    {
        spec.NodeRole = nodeClass.Role;
        spec.Subnets = Terms(nodeClass.SubnetSelectorTerms);
        spec.SecurityGroups = nodeClass.SecurityGroupSelectorTerms is { Count: > 0 } groups
            ? [.. groups.Select(t => new SecurityGroupSelectorTerm { Id = t.Id, Name = t.Name, Tags = Copy(t.Tags) })]
            : null;
        spec.PodSubnets = Terms(nodeClass.PodSubnetSelectorTerms);
        spec.PodSecurityGroups = Terms(nodeClass.PodSecurityGroupSelectorTerms);
        if (nodeClass.EphemeralStorage is { } storage)
        {
            spec.EphemeralStorage = new EphemeralStorageSpec
            {
                Size = storage.Size,
                Iops = storage.Iops,
                Throughput = storage.Throughput,
                KmsKeyId = storage.KmsKeyId,
            };
        }

        spec.NetworkPolicy = nodeClass.NetworkPolicy;
        spec.NetworkPolicyEventLogs = nodeClass.NetworkPolicyEventLogs;
        spec.SnatPolicy = nodeClass.SnatPolicy;
        if (nodeClass.AdvancedNetworking is { } networking)
        {
            spec.AdvancedNetworking = new AdvancedNetworkingSpec
            {
                AssociatePublicIpAddress = networking.AssociatePublicIpAddress,
                HttpsProxy = networking.HttpsProxy,
                NoProxy = networking.NoProxy?.ToList(),
                Ipv4PrefixSize = networking.Ipv4PrefixSize,
            };
        }

        spec.Tags = nodeClass.Tags is { Count: > 0 } tags ? Copy(tags) : null;
        ComputeSurfaceImporter.FillNodeClass(spec, nodeClass);
    }

    private static List<SubnetSelectorTerm>? Terms(IList<V1NodeClassSelectorTerm>? terms) =>
        terms is { Count: > 0 } ? [.. terms.Select(t => new SubnetSelectorTerm { Id = t.Id, Tags = Copy(t.Tags) })] : null;

    private static SortedDictionary<string, string>? Copy(IDictionary<string, string>? map) =>
        map is null ? null : new SortedDictionary<string, string>(map, StringComparer.Ordinal);
}
