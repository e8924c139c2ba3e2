using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;
using AutoMode.Core.Serialization;
using AutoMode.Core.Tests.Schemas;
using AutoMode.Core.Validation;
using AutoMode.Testing.Builders;
using AutoMode.Testing.Schemas;
using Xunit.Abstractions;

namespace AutoMode.Core.Tests.Desired;

/// <summary>
/// 10,000 random specs, biased towards plausible values so that many pass validation: validation never throws,
/// rendering never throws, and every class that validates renders objects that pass the upstream schema checks.
/// </summary>
public sealed class RenderPropertyTests(ITestOutputHelper output)
{
    private const int Count = 10_000;

    [UpstreamFact]
    public void RandomSpecs_ThatValidate_RenderSchemaValidObjects()
    {
        var random = new Random(20_260_901);
        var valid = 0;
        var failures = new List<string>();
        for (var i = 0; i < Count && failures.Count < 10; i++)
        {
            var workloadClass = RandomClass(random, i);
            var errors = WorkloadClassValidator.Validate(workloadClass);
            var desired = DesiredStateRenderer.Render(workloadClass, new RenderContext { HoldCapacityDown = random.Next(4) == 0 });
            if (errors.Count > 0)
            {
                continue;
            }

            valid++;
            var pool = ManifestYaml.ToJsonNode(desired.NodePool)!;
            var nodeClass = ManifestYaml.ToJsonNode(desired.NodeClass)!;
            UpstreamSchemaTests.StripFieldsNewerThanTheSchema(nodeClass);
            var problems = OpenApiSchemaValidator.Validate(UpstreamSchemaTests.AutoModeNodePool.Value, UpstreamSchemaTests.StripNodePoolFieldsNewerThanTheSchema(pool)).Select(e => $"Auto Mode NodePool: {e}")
                .Concat(OpenApiSchemaValidator.Validate(UpstreamSchemaTests.KarpenterNodePool.Value, pool).Select(e => $"Karpenter NodePool: {e}"))
                .Concat(UpstreamSchemaTests.AutoModeCelProblems(pool).Select(e => $"Auto Mode CEL: {e}"))
                .Concat(OpenApiSchemaValidator.Validate(UpstreamSchemaTests.AutoModeNodeClass.Value, nodeClass).Select(e => $"Auto Mode NodeClass: {e}"))
                .ToList();
            if (problems.Count > 0)
            {
                failures.Add($"class #{i}:\n{ManifestYaml.Serialize(workloadClass)}  -> {string.Join("\n  -> ", problems)}");
            }
        }

        output.WriteLine($"{valid} of {Count} random classes validated and rendered schema-valid objects");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(valid >= Count / 10, $"only {valid} of {Count} random classes validated; the generator no longer exercises the renderer");
    }

    /// <summary>A mostly plausible class; half of them then get one mistake from a list of common ones.</summary>
    private static V1Alpha1WorkloadClass RandomClass(Random r, int i)
    {
        var workloadClass = PlausibleClass(r, i, podNetworking: r.Next(3) == 0);
        var spec = workloadClass.Spec;
        spec.InstanceProfile = spec.NodeRole is null ? Pick(r, "eks-MyNodeInstanceProfile", "eks-nodes") : null;
        if (r.Next(4) == 0)
        {
            // Static capacity, with what a static pool refuses taken out again.
            (spec.StaticNodes, spec.Weight) = (Pick<long?>(r, 0, 1, 12), null);
            spec.Limits = Pick<IDictionary<string, string>>(r, null, new Dictionary<string, string> { ["nodes"] = "20" });
            if (spec.Disruption is { } disruption)
            {
                (disruption.ConsolidationPolicy, disruption.ConsolidateAfter) = (null, null);
            }
        }

        if (r.Next(2) == 0)
        {
            Pick(r, Mistakes)!(workloadClass.Spec);
        }

        return workloadClass;
    }

    private static readonly Action<V1Alpha1WorkloadClassSpec>[] Mistakes =
    [
        s => s.NodeRole = new string('r', 70),
        s => s.NodeRole = "",
        s => s.Subnets = null,
        s => s.SecurityGroups = [new SecurityGroupSelectorTerm { Id = "sg-1", Name = "x" }],
        s => s.PodSubnets = [new SubnetSelectorTerm { Id = "subnet-0pod" }],
        s => s.EphemeralStorage = new EphemeralStorageSpec { Size = "59001Gi", Iops = 2999 },
        s => s.NetworkPolicy = "Deny",
        s => s.Tags = new Dictionary<string, string> { ["kubernetes.io/cluster/x"] = "owned" },
        s => s.Tags = new Dictionary<string, string> { ["karpenter.sh/nodepool"] = "x" },
        s => s.Instances = new InstanceSelection { Architectures = ["s390x"] },
        s => s.Instances = new InstanceSelection { Requirements = [new RequirementSpec { Key = "karpenter.k8s.aws/instance-family", Operator = "In", Values = ["m5"] }] },
        s => s.Instances = new InstanceSelection { Requirements = [new RequirementSpec { Key = "kubernetes.io/os", Operator = "In", Values = ["windows"] }] },
        s => s.Instances = new InstanceSelection { Requirements = [new RequirementSpec { Key = "eks.amazonaws.com/instance-cpu", Operator = "Gt", Values = ["x"] }] },
        s => s.Instances = new InstanceSelection { Cpu = new IntRange { Min = 8, Max = 2 } },
        s => s.NodeLabels = new Dictionary<string, string> { ["eks.amazonaws.com/foo"] = "x" },
        s => s.Taints = [new TaintSpec { Key = "k", Effect = "Sometimes" }],
        s => s.Limits = new Dictionary<string, string> { ["cpu"] = "lots" },
        s => s.Weight = 101,
        s => s.Lifecycle = new LifecycleSpec { ExpireAfter = "Never" },
        s => s.Lifecycle = new LifecycleSpec { ExpireAfter = "500h", TerminationGracePeriod = "24h" },
        s => s.Disruption = new DisruptionSpec { Budgets = [new DisruptionBudgetSpec { Nodes = "0", Schedule = "0 9 * * 1-5" }] },
        s => s.Disruption = new DisruptionSpec { ConsolidationPolicy = "Sometimes", ConsolidateAfter = "soon" },
        s => s.InstanceProfile = "eks-profile",
        s => (s.NodeRole, s.InstanceProfile) = (null, "eks profile"),
        s => s.CapacityReservations = [new CapacityReservationSelectorTerm { Id = "cr-123", Owner = "12345" }],
        s => s.CertificateBundles = [new CertificateBundleSpec { Name = "ca", Data = TestCertificates.Damaged }],
        s => (s.StaticNodes, s.Weight) = (2, 10),
        s => (s.StaticNodes, s.Limits) = (2, new Dictionary<string, string> { ["cpu"] = "8" }),
        s => (s.StaticNodes, s.Disruption) = (2, new DisruptionSpec { ConsolidateAfter = "5m" }),
    ];

    private static V1Alpha1WorkloadClass PlausibleClass(Random r, int i, bool podNetworking) => new()
    {
        Metadata = new k8s.Models.V1ObjectMeta { Name = Pick(r, $"class-{i}", "web", "a"), Uid = r.Next(2) == 0 ? null : $"uid-{i}" },
        Spec = new V1Alpha1WorkloadClassSpec
        {
            NodeRole = Pick(r, "AmazonEKSAutoNodeRole", "arn:aws:iam::123456789012:role/teams/NodeRole", null),
            Subnets = [Pick(r, new SubnetSelectorTerm { Id = "subnet-0abc" }, new SubnetSelectorTerm { Tags = new Dictionary<string, string> { ["Tier"] = Pick(r, "private", "*")! } })!],
            SecurityGroups = [Pick(r, new SecurityGroupSelectorTerm { Id = "sg-0abc" }, new SecurityGroupSelectorTerm { Name = "eks-sg" })!],
            PodSubnets = podNetworking ? [new SubnetSelectorTerm { Id = "subnet-0pod" }] : null,
            PodSecurityGroups = podNetworking ? [new SubnetSelectorTerm { Id = "sg-0pod" }] : null,
            CapacityReservations = Pick<IList<CapacityReservationSelectorTerm>>(r, null, null, [new CapacityReservationSelectorTerm { Id = "cr-56fac701cc1951b03" }], [new CapacityReservationSelectorTerm { Tags = new Dictionary<string, string> { ["team"] = "*" }, Owner = "012345678901" }]),
            AdvancedSecurity = Pick(r, null, new AdvancedSecuritySpec { Fips = true }),
            CertificateBundles = Pick<IList<CertificateBundleSpec>>(r, null, null, [new CertificateBundleSpec { Name = "corp", Data = TestCertificates.ExampleRootCa }]),
            EphemeralStorage = Often(r) ? null : new EphemeralStorageSpec
            {
                Size = Pick(r, null, "100Gi", "2Ti", "64000G"),
                Iops = Pick<long?>(r, null, 3000, 16000),
                Throughput = Pick<long?>(r, null, 125, 1000),
                KmsKeyId = Pick(r, null, "alias/k"),
            },
            NetworkPolicy = Pick(r, null, "DefaultAllow", "DefaultDeny"),
            NetworkPolicyEventLogs = Pick(r, null, "Enabled", "Disabled"),
            SnatPolicy = Pick(r, null, "Random", "Disabled"),
            AdvancedNetworking = Often(r) ? null : new AdvancedNetworkingSpec { HttpsProxy = Pick(r, null, "http://p:3128"), NoProxy = Pick<IList<string>>(r, null, ["localhost"]), AssociatePublicIpAddress = Pick<bool?>(r, null, true, false), Ipv4PrefixSize = Pick(r, null, "Auto", "32") },
            Tags = Often(r) ? null : new Dictionary<string, string> { [Pick(r, "team", "cost-center")!] = Pick(r, "web", "0")! },
            Instances = r.Next(20) == 0 ? null : new InstanceSelection
            {
                Architectures = Pick<IList<string>>(r, null, ["arm64"], ["amd64", "arm64"]),
                CapacityTypes = Pick<IList<string>>(r, null, ["spot"], ["on-demand", "spot"], ["reserved"]),
                Categories = Pick<IList<string>>(r, null, null, ["c", "m"], ["g", "p"]),
                Families = Pick<IList<string>>(r, null, null, ["m7g", "c7g"]),
                ExcludeFamilies = Pick<IList<string>>(r, null, ["t3"]),
                Sizes = Pick<IList<string>>(r, null, ["large", "xlarge"]),
                Generation = Range(r, 3, 9),
                Cpu = Range(r, 1, 192),
                MemoryMiB = Range(r, 512, 1_000_000),
                Gpu = Often(r) ? null : new GpuSelection { Names = Pick<IList<string>>(r, null, ["l4"]), Manufacturers = Pick<IList<string>>(r, null, ["nvidia"]), Count = Range(r, 1, 8), MemoryMiB = Range(r, 1024, 80_000) },
                Zones = Pick<IList<string>>(r, null, ["us-east-1a", "us-east-1b"]),
                Requirements = Pick<IList<RequirementSpec>>(
                    r,
                    null,
                    [new RequirementSpec { Key = "eks.amazonaws.com/instance-hypervisor", Operator = "In", Values = ["nitro"] }],
                    [new RequirementSpec { Key = "eks.amazonaws.com/instance-local-nvme", Operator = "Exists" }],
                    [new RequirementSpec { Key = "node.kubernetes.io/instance-type", Operator = "NotIn", Values = ["m5.large", "m5.large"], MinValues = 1 }],
                    [new RequirementSpec { Key = "eks.amazonaws.com/instance-cpu", Operator = "Gt", Values = ["3"] }]),
            },
            NodeLabels = Pick<IDictionary<string, string>>(r, null, new Dictionary<string, string> { ["example.com/team"] = "web" }),
            Taints = Pick<IList<TaintSpec>>(r, null, [new TaintSpec { Key = "k", Value = "v", Effect = "NoSchedule" }]),
            StartupTaints = Pick<IList<TaintSpec>>(r, null, [new TaintSpec { Key = "init", Effect = "NoExecute" }]),
            Dedicated = Pick<bool?>(r, null, true, false),
            Limits = Pick<IDictionary<string, string>>(r, null, new Dictionary<string, string> { ["cpu"] = "100", ["memory"] = "400Gi" }),
            Weight = Pick<int?>(r, null, 1, 50, 100),
            Lifecycle = Often(r) ? null : new LifecycleSpec { ExpireAfter = Pick(r, null, "336h", "480h", "1h30m"), TerminationGracePeriod = Pick(r, null, "24h", "1h") },
            Disruption = Often(r) ? null : new DisruptionSpec
            {
                ConsolidationPolicy = Pick(r, null, "WhenEmpty", "WhenEmptyOrUnderutilized"),
                ConsolidateAfter = Pick(r, null, "0s", "5m", "Never"),
                Budgets = Pick<IList<DisruptionBudgetSpec>>(
                    r,
                    null,
                    [new DisruptionBudgetSpec { Nodes = "10%" }],
                    [new DisruptionBudgetSpec { Nodes = "0", Schedule = "0 9 * * 1-5", Duration = "8h", Reasons = ["Drifted"] }]),
            },
        },
    };

    private static IntRange? Range(Random r, int low, int high)
    {
        if (r.Next(3) != 0)
        {
            return null;
        }

        var min = r.Next(2) == 0 ? (long?)null : r.Next(low - 1, high);
        var max = r.Next(2) == 0 ? (long?)null : r.Next(low, high + 1);
        return new IntRange { Min = min, Max = max };
    }

    private static bool Often(Random r) => r.Next(3) != 0;

    private static T? Pick<T>(Random r, params T?[] choices) => choices[r.Next(choices.Length)];
}
