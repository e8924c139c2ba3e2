using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Testing.Builders;

namespace AutoMode.Core.Tests.Import;

/// <summary>
/// Valid WorkloadClasses built from a seed: each field of the spec is set or not, with values drawn from short lists
/// of the shapes people write (ids or tags, plain words, ranges open on either side, zoned budgets, dedicated).
/// Raw requirements use keys no plain word covers, so the rendered order is the import's order too.
/// </summary>
internal static class GeneratedClasses
{
    public static V1Alpha1WorkloadClass Create(int seed)
    {
        var random = new Random(seed);
        bool Maybe() => random.Next(2) == 0;
        T Pick<T>(params T[] options) => options[random.Next(options.Length)];

        return WorkloadClasses.Minimal($"generated-{seed}", spec =>
        {
            spec.NodeRole = Pick("AmazonEKSAutoNodeRole", "arn:aws:iam::123456789012:role/team/MyNodeRole");
            spec.Subnets = Pick<IList<SubnetSelectorTerm>>(
                [new SubnetSelectorTerm { Id = "subnet-0123456789abcdef0" }, new SubnetSelectorTerm { Id = "subnet-0fedcba9876543210" }],
                [new SubnetSelectorTerm { Tags = new Dictionary<string, string> { ["Tier"] = "private", ["kubernetes.io/role/internal-elb"] = "1" } }]);
            spec.SecurityGroups = Pick<IList<SecurityGroupSelectorTerm>>(
                [new SecurityGroupSelectorTerm { Id = "sg-0123456789abcdef0" }],
                [new SecurityGroupSelectorTerm { Name = "eks-cluster-sg" }, new SecurityGroupSelectorTerm { Tags = new Dictionary<string, string> { ["Team"] = "a" } }]);
            if (Maybe())
            {
                spec.PodSubnets = [new SubnetSelectorTerm { Tags = new Dictionary<string, string> { ["Pods"] = "yes" } }];
                spec.PodSecurityGroups = [new SubnetSelectorTerm { Id = "sg-0aaaaaaaaaaaaaaaa" }];
            }

            if (Maybe())
            {
                spec.EphemeralStorage = new EphemeralStorageSpec
                {
                    Size = Maybe() ? Pick("100Gi", "1Ti", "200G") : null,
                    Iops = Maybe() ? Pick(3000L, 6000L, 16000L) : null,
                    Throughput = Maybe() ? Pick(125L, 500L) : null,
                    KmsKeyId = Maybe() ? "alias/eks-nodes" : null,
                };
            }

            spec.NetworkPolicy = Maybe() ? Pick("DefaultAllow", "DefaultDeny") : null;
            spec.NetworkPolicyEventLogs = Maybe() ? Pick("Enabled", "Disabled") : null;
            spec.SnatPolicy = Maybe() ? Pick("Random", "Disabled") : null;
            if (Maybe())
            {
                spec.AdvancedNetworking = new AdvancedNetworkingSpec
                {
                    AssociatePublicIpAddress = Maybe() ? false : null,
                    HttpsProxy = Maybe() ? "http://proxy.internal:3128" : null,
                    NoProxy = Maybe() ? ["10.0.0.0/8", "localhost"] : null,
                    Ipv4PrefixSize = Maybe() ? Pick("Auto", "32") : null,
                };
            }

            if (Maybe())
            {
                spec.NodeRole = null;
                spec.InstanceProfile = Pick("eks-MyNodeInstanceProfile", "eks-gpu.profile@team");
            }

            spec.CapacityReservations = Maybe()
                ? Pick<IList<CapacityReservationSelectorTerm>>(
                    [new CapacityReservationSelectorTerm { Id = "cr-56fac701cc1951b03" }],
                    [new CapacityReservationSelectorTerm { Tags = new Dictionary<string, string> { ["Name"] = "targeted-odcr" }, Owner = Maybe() ? "012345678901" : null },
                        new CapacityReservationSelectorTerm { Id = "cr-0123456789abcdef0" }])
                : null;
            spec.AdvancedSecurity = Maybe() ? new AdvancedSecuritySpec { Fips = Pick<bool?>(true, false, null) } : null;
            spec.CertificateBundles = Maybe()
                ? [new CertificateBundleSpec { Name = "corp-root", Data = TestCertificates.ExampleRootCa + (Maybe() ? "\n" : "") }]
                : null;
            spec.Tags = Maybe() ? new Dictionary<string, string> { ["CostCenter"] = "1234", ["Team"] = "web" } : null;
            spec.Instances = Maybe() ? Instances(random) : null;
            spec.NodeLabels = Maybe() ? new Dictionary<string, string> { ["team"] = "web", ["example.com/tier"] = "gold" } : null;
            spec.Taints = Maybe() ? [new TaintSpec { Key = "example.com/special", Value = "true", Effect = Pick("NoSchedule", "NoExecute") }] : null;
            spec.StartupTaints = Maybe() ? [new TaintSpec { Key = "example.com/agent-not-ready", Effect = "NoExecute" }] : null;
            spec.Dedicated = Maybe() ? Maybe() : null;
            spec.Limits = Maybe() ? new Dictionary<string, string> { ["cpu"] = "1000", ["memory"] = "1000Gi" } : null;
            spec.Weight = Maybe() ? random.Next(1, 101) : null;
            if (Maybe())
            {
                spec.Lifecycle = new LifecycleSpec { ExpireAfter = Maybe() ? "240h" : null, TerminationGracePeriod = Maybe() ? "1h" : null };
            }

            if (Maybe())
            {
                spec.Disruption = new DisruptionSpec
                {
                    ConsolidationPolicy = Maybe() ? Pick("WhenEmpty", "WhenEmptyOrUnderutilized") : null,
                    ConsolidateAfter = Maybe() ? Pick("30s", "10m", "Never") : null,
                    Budgets = Maybe()
                        ?
                        [
                            new DisruptionBudgetSpec { Nodes = "0", Schedule = "0 9 * * 1-5", Duration = "8h", TimeZone = Maybe() ? "UTC" : null },
                            new DisruptionBudgetSpec { Nodes = Pick("20%", "3"), Reasons = Maybe() ? ["Drifted", "Empty"] : null },
                        ]
                        : null,
                };
            }

            spec.LabelNodes = Maybe() ? Maybe() : null;
            if (Maybe())
            {
                // Static capacity, with what a static pool refuses taken out again.
                spec.StaticNodes = Pick(0L, 3L, 40L);
                spec.Weight = null;
                spec.Limits = Maybe() ? new Dictionary<string, string> { ["nodes"] = "50" } : null;
                if (spec.Disruption is { } disruption)
                {
                    disruption.ConsolidationPolicy = null;
                    disruption.ConsolidateAfter = null;
                }
            }
        });
    }

    private static InstanceSelection Instances(Random random)
    {
        bool Maybe() => random.Next(2) == 0;
        T Pick<T>(params T[] options) => options[random.Next(options.Length)];
        IntRange Range(long low, long high) => Pick(new IntRange { Min = low }, new IntRange { Max = high }, new IntRange { Min = low, Max = high });

        var gpu = Maybe();
        return new InstanceSelection
        {
            Architectures = Maybe() ? Pick<IList<string>>(["arm64"], ["amd64", "arm64"]) : null,
            CapacityTypes = Maybe() ? Pick<IList<string>>(["spot"], ["spot", "on-demand"], ["reserved", "on-demand"]) : null,
            Categories = Maybe() ? (gpu ? ["g", "p"] : ["c", "m"]) : null,
            Families = Maybe() ? ["m7g", "c7g"] : null,
            ExcludeFamilies = Maybe() ? ["t3", "t4g"] : null,
            Sizes = Maybe() ? ["large", "xlarge"] : null,
            Generation = Maybe() ? Range(6, 8) : null,
            Cpu = Maybe() ? Range(2, 32) : null,
            MemoryMiB = Maybe() ? Range(4096, 131072) : null,
            Gpu = gpu
                ? new GpuSelection
                {
                    Names = Maybe() ? ["l4", "a10g"] : null,
                    Manufacturers = ["nvidia"],
                    Count = Maybe() ? Range(1, 8) : null,
                    MemoryMiB = Maybe() ? Range(16000, 80000) : null,
                }
                : null,
            Zones = Maybe() ? ["us-east-1a", "us-east-1b"] : null,
            Requirements = Maybe()
                ? Pick<IList<RequirementSpec>>(
                    [new RequirementSpec { Key = "eks.amazonaws.com/instance-local-nvme", Operator = "Gt", Values = ["100"] }],
                    [new RequirementSpec { Key = "eks.amazonaws.com/instance-hypervisor", Operator = "In", Values = ["nitro"] },
                        new RequirementSpec { Key = "node.kubernetes.io/instance-type", Operator = "NotIn", Values = ["m5.large"] }])
                : null,
        };
    }
}
