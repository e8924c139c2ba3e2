using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;
using AutoMode.Core.Scheduling;
using AutoMode.Core.Serialization;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Core.Validation;
using AutoMode.Testing.Builders;

namespace AutoMode.Core.Tests.Desired;

public sealed class DesiredStateRendererTests
{
    private static List<V1NodeSelectorRequirement> Requirements(Action<InstanceSelection> instances) =>
        DesiredStateRenderer.Render(WorkloadClasses.Minimal(change: s => instances(s.Instances ??= new InstanceSelection())), RenderContext.Default)
            .NodePool.Spec.Template.Spec.Requirements.ToList();

    private static string Describe(IEnumerable<V1NodeSelectorRequirement> requirements) =>
        string.Join("; ", requirements.Select(r => $"{r.Key} {r.Operator} [{string.Join(",", r.Values ?? [])}]{(r.MinValues is { } m ? $" min {m}" : "")}"));

    public static TheoryData<string, Action<InstanceSelection>, string> TranslationCases => new()
    {
        { "architectures -> kubernetes.io/arch In", i => i.Architectures = ["arm64"], "kubernetes.io/arch In [arm64]" },
        { "capacityTypes -> karpenter.sh/capacity-type In", i => i.CapacityTypes = ["spot", "on-demand"], "karpenter.sh/capacity-type In [on-demand,spot]" },
        { "categories -> instance-category In", i => i.Categories = ["g", "p"], "eks.amazonaws.com/instance-category In [g,p]" },
        { "families -> instance-family In", i => i.Families = ["m7g"], "eks.amazonaws.com/instance-family In [m7g]" },
        { "excludeFamilies -> instance-family NotIn", i => i.ExcludeFamilies = ["t3", "t2"], "eks.amazonaws.com/instance-family NotIn [t2,t3]" },
        { "sizes -> instance-size In", i => i.Sizes = ["xlarge", "large"], "eks.amazonaws.com/instance-size In [large,xlarge]" },
        { "generation min -> Gt min-1", i => i.Generation = new IntRange { Min = 6 }, "eks.amazonaws.com/instance-generation Gt [5]" },
        { "generation max -> Lt max+1", i => i.Generation = new IntRange { Max = 7 }, "eks.amazonaws.com/instance-generation Lt [8]" },
        { "cpu min -> Gt", i => i.Cpu = new IntRange { Min = 2 }, "eks.amazonaws.com/instance-cpu Gt [1]" },
        { "cpu max -> Lt", i => i.Cpu = new IntRange { Max = 16 }, "eks.amazonaws.com/instance-cpu Lt [17]" },
        { "memoryMiB -> instance-memory", i => i.MemoryMiB = new IntRange { Min = 16384 }, "eks.amazonaws.com/instance-memory Gt [16383]" },
        { "gpu count -> instance-gpu-count", i => i.Gpu = new GpuSelection { Count = new IntRange { Min = 1, Max = 4 } }, "eks.amazonaws.com/instance-gpu-count Lt [5]" },
        { "gpu memory -> instance-gpu-memory", i => i.Gpu = new GpuSelection { MemoryMiB = new IntRange { Min = 24576 } }, "eks.amazonaws.com/instance-gpu-memory Gt [24575]" },
        { "gpu names -> instance-gpu-name In", i => i.Gpu = new GpuSelection { Names = ["l4", "a10g"] }, "eks.amazonaws.com/instance-gpu-name In [a10g,l4]" },
        { "gpu manufacturers -> instance-gpu-manufacturer In", i => i.Gpu = new GpuSelection { Manufacturers = ["nvidia"] }, "eks.amazonaws.com/instance-gpu-manufacturer In [nvidia]" },
        { "zones -> topology.kubernetes.io/zone In", i => i.Zones = ["us-east-1b", "us-east-1a"], "topology.kubernetes.io/zone In [us-east-1a,us-east-1b]" },
        { "raw requirement passes through with minValues", i => i.Requirements = [new RequirementSpec { Key = "eks.amazonaws.com/instance-family", Operator = "In", Values = ["m7i", "c7i"], MinValues = 2 }], "eks.amazonaws.com/instance-family In [c7i,m7i] min 2" },
        { "raw Exists has no values", i => i.Requirements = [new RequirementSpec { Key = "eks.amazonaws.com/instance-local-nvme", Operator = "Exists" }], "eks.amazonaws.com/instance-local-nvme Exists []" },
        { "values are de-duplicated", i => i.Architectures = ["arm64", "amd64", "arm64"], "kubernetes.io/arch In [amd64,arm64]" },
    };

    [Theory]
    [MemberData(nameof(TranslationCases))]
    public void InstanceSelection_TranslatesToAutoModeRequirement(string reason, Action<InstanceSelection> instances, string expected)
    {
        var requirements = Requirements(instances);

        Assert.True(
            requirements.Any(r => Describe([r]) == expected),
            $"{reason}: expected {expected} in {Describe(requirements)}");
    }

    [Fact]
    public void NothingSaid_MirrorsTheGeneralPurposePool()
    {
        var requirements = Requirements(_ => { });

        Assert.Equal(
            "kubernetes.io/arch In [amd64]; karpenter.sh/capacity-type In [on-demand]; "
            + "eks.amazonaws.com/instance-category In [c,m,r]; eks.amazonaws.com/instance-generation Gt [4]",
            Describe(requirements));
    }

    public static TheoryData<string, Action<InstanceSelection>> SaysWhichInstances => new()
    {
        { "categories", i => i.Categories = ["g"] },
        { "families", i => i.Families = ["m7g"] },
        { "gpu", i => i.Gpu = new GpuSelection { Names = ["l4"] } },
        { "raw instance-category", i => i.Requirements = [new RequirementSpec { Key = "eks.amazonaws.com/instance-category", Operator = "NotIn", Values = ["t"] }] },
        { "raw instance-family", i => i.Requirements = [new RequirementSpec { Key = "eks.amazonaws.com/instance-family", Operator = "In", Values = ["m7g"] }] },
        { "raw instance type", i => i.Requirements = [new RequirementSpec { Key = "node.kubernetes.io/instance-type", Operator = "In", Values = ["g5.xlarge"] }] },
    };

    [Theory]
    [MemberData(nameof(SaysWhichInstances))]
    public void UserSaysWhichInstances_NoDefaultCategoriesOrGeneration(string reason, Action<InstanceSelection> instances)
    {
        var requirements = Requirements(instances);

        Assert.DoesNotContain(requirements, r => r.Key == AutoModeLabels.InstanceGeneration);
        Assert.False(
            requirements.Any(r => r.Key == AutoModeLabels.InstanceCategory && r.Values!.SequenceEqual(["c", "m", "r"])),
            $"{reason}: default categories must not be added: {Describe(requirements)}");
    }

    [Fact]
    public void UserGeneration_ReplacesDefaultGenerationButKeepsDefaultCategories()
    {
        var requirements = Requirements(i => i.Generation = new IntRange { Min = 7 });

        Assert.Single(requirements, r => r.Key == AutoModeLabels.InstanceGeneration);
        Assert.Contains(requirements, r => Describe([r]) == "eks.amazonaws.com/instance-generation Gt [6]");
        Assert.Contains(requirements, r => Describe([r]) == "eks.amazonaws.com/instance-category In [c,m,r]");
    }

    [Fact]
    public void RawArchAndCapacityType_SuppressTheirDefaults()
    {
        var requirements = Requirements(i => i.Requirements =
        [
            new RequirementSpec { Key = AutoModeLabels.Arch, Operator = "In", Values = ["arm64"] },
            new RequirementSpec { Key = AutoModeLabels.CapacityType, Operator = "NotIn", Values = ["spot"] },
        ]);

        Assert.Single(requirements, r => r.Key == AutoModeLabels.Arch);
        Assert.Single(requirements, r => r.Key == AutoModeLabels.CapacityType);
    }

    public static TheoryData<string, long?, long?, string> RangeCases => new()
    {
        { "both bounds", 2, 16, "eks.amazonaws.com/instance-cpu Gt [1]; eks.amazonaws.com/instance-cpu Lt [17]" },
        { "min 1 becomes Gt 0", 1, null, "eks.amazonaws.com/instance-cpu Gt [0]" },
        { "min 0 excludes nothing and would render Gt -1", 0, null, "" },
        { "max at long.MaxValue would overflow", null, long.MaxValue, "" },
        { "exact value", 4, 4, "eks.amazonaws.com/instance-cpu Gt [3]; eks.amazonaws.com/instance-cpu Lt [5]" },
    };

    [Theory]
    [MemberData(nameof(RangeCases))]
    public void InclusiveRange_BecomesGtAndLt(string reason, long? min, long? max, string expected)
    {
        var requirements = Requirements(i => i.Cpu = new IntRange { Min = min, Max = max });

        Assert.True(Describe(requirements.Where(r => r.Key == AutoModeLabels.InstanceCpu)) == expected, reason);
    }

    [Fact]
    public void Requirements_FollowFixedKeyOrderWhateverTheInputOrder()
    {
        var requirements = Requirements(i =>
        {
            i.Zones = ["us-east-1a"];
            i.Sizes = ["large"];
            i.Categories = ["m"];
            i.CapacityTypes = ["spot"];
            i.Architectures = ["arm64"];
            i.Requirements = [new RequirementSpec { Key = "eks.amazonaws.com/instance-hypervisor", Operator = "In", Values = ["nitro"] }];
        });

        Assert.Equal(
            [AutoModeLabels.Arch, AutoModeLabels.CapacityType, AutoModeLabels.InstanceCategory, AutoModeLabels.InstanceSize, AutoModeLabels.Zone, "eks.amazonaws.com/instance-hypervisor"],
            requirements.Select(r => r.Key));
    }

    [Fact]
    public void Dedicated_AddsClassTaintAfterUserTaintsOnce()
    {
        var pool = DesiredStateRenderer.Render(
            WorkloadClasses.Minimal(change: s =>
            {
                s.Dedicated = true;
                s.Taints =
                [
                    new TaintSpec { Key = "gpu", Value = "true", Effect = "NoSchedule" },
                    new TaintSpec { Key = WorkloadClassApi.DedicatedTaintKey, Value = "gpu-inference", Effect = "NoSchedule" },
                ];
            }, name: "gpu-inference"),
            RenderContext.Default).NodePool;

        var taints = pool.Spec.Template.Spec.Taints!;
        Assert.Equal(["gpu=true:NoSchedule", "automode.io/workload-class=gpu-inference:NoSchedule"], taints.Select(t => $"{t.Key}={t.Value}:{t.Effect}"));
    }

    [Fact]
    public void NotDedicated_NoTaintsRendered()
    {
        var spec = DesiredStateRenderer.Render(WorkloadClasses.Minimal(change: s => s.StartupTaints = [new TaintSpec { Key = "init", Effect = "NoExecute" }]), RenderContext.Default)
            .NodePool.Spec.Template.Spec;

        Assert.Null(spec.Taints);
        Assert.Equal("init", Assert.Single(spec.StartupTaints!).Key);
    }

    public static TheoryData<string, bool, Dictionary<string, string>?, Dictionary<string, string>?> LimitCases => new()
    {
        { "off-hours: exactly cpu 0 / memory 0, user limits ignored", true, new() { ["cpu"] = "100", ["nodes"] = "5" }, new() { ["cpu"] = "0", ["memory"] = "0" } },
        { "off-hours with no user limits", true, null, new() { ["cpu"] = "0", ["memory"] = "0" } },
        { "on-hours: the user's limits", false, new() { ["memory"] = "400Gi", ["cpu"] = "100" }, new() { ["cpu"] = "100", ["memory"] = "400Gi" } },
        { "on-hours, no limits: none", false, null, null },
        { "on-hours, empty limits: none", false, new(), null },
    };

    [Theory]
    [MemberData(nameof(LimitCases))]
    public void Limits_FollowOffHoursState(string reason, bool holdDown, Dictionary<string, string>? userLimits, Dictionary<string, string>? expected)
    {
        var pool = DesiredStateRenderer.Render(WorkloadClasses.Minimal(change: s => s.Limits = userLimits), new RenderContext { HoldCapacityDown = holdDown }).NodePool;

        Assert.True(
            expected is null ? pool.Spec.Limits is null : pool.Spec.Limits is not null && pool.Spec.Limits.OrderBy(p => p.Key).SequenceEqual(expected.OrderBy(p => p.Key)),
            reason);
    }

    [Fact]
    public void OffHoursLimits_RenderAsQuotedStrings()
    {
        var yaml = ManifestYaml.Serialize(DesiredStateRenderer.Render(WorkloadClasses.Minimal(), new RenderContext { HoldCapacityDown = true }).NodePool);

        Assert.Contains("  limits:\n    cpu: \"0\"\n    memory: \"0\"\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_OnlyOurLabels_NeverTheParents()
    {
        var workloadClass = WorkloadClasses.Minimal(uid: "0d1c7a8e-4f1b-4a51-9c55-1f2e3d4c5b6a");
        workloadClass.Metadata.Labels = new Dictionary<string, string> { ["app.kubernetes.io/instance"] = "argo-app", ["team"] = "web" };
        workloadClass.Metadata.Annotations = new Dictionary<string, string> { ["argocd.argoproj.io/tracking-id"] = "app:automode.io/WorkloadClass:/web" };

        var desired = DesiredStateRenderer.Render(workloadClass, RenderContext.Default);

        foreach (var metadata in new[] { desired.NodeClass.Metadata, desired.NodePool.Metadata })
        {
            Assert.Equal("web", metadata.Name);
            Assert.Equal(
                [KeyValuePair.Create("app.kubernetes.io/managed-by", "automode-operator"), KeyValuePair.Create("automode.io/workload-class", "web")],
                metadata.Labels.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.Null(metadata.Annotations);
            var owner = Assert.Single(metadata.OwnerReferences);
            Assert.Equal(("automode.io/v1alpha1", "WorkloadClass", "web", "0d1c7a8e-4f1b-4a51-9c55-1f2e3d4c5b6a", true, true),
                (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        }

        Assert.DoesNotContain("team", desired.NodePool.Spec.Template.Metadata!.Labels!.Keys);
    }

    [Fact]
    public void NoUid_NoOwnerReferences()
    {
        var desired = DesiredStateRenderer.Render(WorkloadClasses.Minimal(), RenderContext.Default);

        Assert.Null(desired.NodeClass.Metadata.OwnerReferences);
        Assert.Null(desired.NodePool.Metadata.OwnerReferences);
    }

    [Fact]
    public void NodeLabels_PlusClassLabel_OnTemplate()
    {
        var labels = DesiredStateRenderer.Render(
            WorkloadClasses.Minimal(change: s => s.NodeLabels = new Dictionary<string, string> { ["example.com/tier"] = "batch", [WorkloadClassApi.WorkloadClassLabel] = "spoofed" }),
            RenderContext.Default).NodePool.Spec.Template.Metadata!.Labels!;

        Assert.Equal("batch", labels["example.com/tier"]);
        Assert.Equal("web", labels[WorkloadClassApi.WorkloadClassLabel]);
    }

    [Fact]
    public void NodeClassRef_PointsAtAutoModeNodeClassOfSameName()
    {
        var reference = DesiredStateRenderer.Render(WorkloadClasses.Minimal("batch"), RenderContext.Default).NodePool.Spec.Template.Spec.NodeClassRef;

        Assert.Equal(("eks.amazonaws.com", "NodeClass", "batch"), (reference.Group, reference.Kind, reference.Name));
    }

    public static TheoryData<string, string, string> RoleCases => new()
    {
        { "a name stays a name", "AmazonEKSAutoNodeRole", "AmazonEKSAutoNodeRole" },
        { "an ARN is reduced to the name", "arn:aws:iam::123456789012:role/AmazonEKSAutoNodeRole", "AmazonEKSAutoNodeRole" },
        { "a path is dropped: the name follows the last slash", "arn:aws-cn:iam::123456789012:role/teams/platform/NodeRole", "NodeRole" },
    };

    [Theory]
    [MemberData(nameof(RoleCases))]
    public void NodeRole_RenderedAsRoleName(string reason, string nodeRole, string expected)
    {
        var role = DesiredStateRenderer.Render(WorkloadClasses.Minimal(change: s => s.NodeRole = nodeRole), RenderContext.Default).NodeClass.Spec.Role;

        Assert.True(role == expected, $"{reason}: got {role}");
    }

    [Fact]
    public void NodeClass_DefaultsAlwaysRendered()
    {
        var spec = DesiredStateRenderer.Render(WorkloadClasses.Minimal(), RenderContext.Default).NodeClass.Spec;

        Assert.Equal(("80Gi", 3000L, 125L, (string?)null), (spec.EphemeralStorage!.Size, spec.EphemeralStorage.Iops, spec.EphemeralStorage.Throughput, spec.EphemeralStorage.KmsKeyId));
        Assert.Equal(("DefaultAllow", "Disabled", "Random"), (spec.NetworkPolicy, spec.NetworkPolicyEventLogs, spec.SnatPolicy));
        Assert.Null(spec.Tags);
        Assert.Null(spec.AdvancedNetworking);
        Assert.Null(spec.PodSubnetSelectorTerms);
        Assert.Null(spec.PodSecurityGroupSelectorTerms);
    }

    [Fact]
    public void NodeClass_UserSettingsRendered()
    {
        var desired = DesiredStateRenderer.Render(
            WorkloadClasses.Minimal(change: s =>
            {
                s.EphemeralStorage = new EphemeralStorageSpec { Size = "200Gi", KmsKeyId = "alias/nodes" };
                s.NetworkPolicy = "DefaultDeny";
                s.SnatPolicy = "Disabled";
                s.PodSubnets = [new SubnetSelectorTerm { Id = "subnet-0abc" }];
                s.PodSecurityGroups = [new SubnetSelectorTerm { Tags = new Dictionary<string, string> { ["Name"] = "pods" } }];
                s.AdvancedNetworking = new AdvancedNetworkingSpec { HttpsProxy = "http://192.0.2.4:3128", NoProxy = ["localhost"], AssociatePublicIpAddress = false };
                s.Tags = new Dictionary<string, string> { ["team"] = "web" };
            }),
            RenderContext.Default);
        var spec = desired.NodeClass.Spec;

        Assert.Equal(("200Gi", 3000L, 125L, "alias/nodes"), (spec.EphemeralStorage!.Size, spec.EphemeralStorage.Iops, spec.EphemeralStorage.Throughput, spec.EphemeralStorage.KmsKeyId));
        Assert.Equal(("DefaultDeny", "Disabled"), (spec.NetworkPolicy, spec.SnatPolicy));
        Assert.Equal("subnet-0abc", Assert.Single(spec.PodSubnetSelectorTerms!).Id);
        Assert.Equal("pods", Assert.Single(spec.PodSecurityGroupSelectorTerms!).Tags!["Name"]);
        Assert.Equal(("http://192.0.2.4:3128", false), (spec.AdvancedNetworking!.HttpsProxy, spec.AdvancedNetworking.AssociatePublicIpAddress));
        Assert.Equal("web", spec.Tags!["team"]);
        Assert.True(desired.RequiresTagPolicy);
    }

    [Fact]
    public void NoTags_NoTagPolicy()
    {
        Assert.False(DesiredStateRenderer.Render(WorkloadClasses.Minimal(change: s => s.Tags = new Dictionary<string, string>()), RenderContext.Default).RequiresTagPolicy);
    }

    [Fact]
    public void NodePool_LifecycleAndDisruptionDefaultsAlwaysRendered()
    {
        var spec = DesiredStateRenderer.Render(WorkloadClasses.Minimal(), RenderContext.Default).NodePool.Spec;

        Assert.Equal(("336h", "24h"), (spec.Template.Spec.ExpireAfter, spec.Template.Spec.TerminationGracePeriod));
        Assert.Equal(("WhenEmptyOrUnderutilized", "0s"), (spec.Disruption!.ConsolidationPolicy, spec.Disruption.ConsolidateAfter));
        Assert.Equal("10%", Assert.Single(spec.Disruption.Budgets!).Nodes);
        Assert.Null(spec.Weight);
    }

    [Fact]
    public void Budgets_PassThroughDroppingTimeZoneByDefault()
    {
        var budgets = DesiredStateRenderer.Render(
            WorkloadClasses.Minimal(change: s => s.Disruption = new DisruptionSpec
            {
                ConsolidationPolicy = "WhenEmpty",
                Budgets =
                [
                    new DisruptionBudgetSpec { Nodes = "0", Schedule = "0 9 * * 1-5", Duration = "8h", TimeZone = "Europe/Berlin", Reasons = ["Drifted"] },
                    new DisruptionBudgetSpec { Nodes = "1" },
                ],
            }),
            RenderContext.Default).NodePool.Spec.Disruption!;

        Assert.Equal("WhenEmpty", budgets.ConsolidationPolicy);
        Assert.Equal(
            ["0|0 9 * * 1-5|8h|Drifted", "1|||"],
            budgets.Budgets!.Select(b => $"{b.Nodes}|{b.Schedule}|{b.Duration}|{string.Join(",", b.Reasons ?? [])}"));
    }

    [Fact]
    public void Budgets_TranslatedByContextWhenGiven()
    {
        var context = new RenderContext
        {
            TranslatedBudgets = new Dictionary<int, IReadOnlyList<RenderedBudget>>
            {
                [1] = [new RenderedBudget("0", "0 22 * * 0", "2h", null), new RenderedBudget("0", "0 0 * * 1-5", "6h", null)],
            },
        };

        var budgets = DesiredStateRenderer.Render(
            WorkloadClasses.Minimal(change: s => s.Disruption = new DisruptionSpec
            {
                Budgets = [new DisruptionBudgetSpec { Nodes = "5" }, new DisruptionBudgetSpec { Nodes = "0", Schedule = "0 0 * * 1-5", Duration = "8h", TimeZone = "Asia/Tokyo" }],
            }),
            context).NodePool.Spec.Disruption!.Budgets!;

        // Matched by index; a budget without a translation passes through.
        Assert.Equal(["5|/", "0|0 22 * * 0/2h", "0|0 0 * * 1-5/6h"], budgets.Select(b => $"{b.Nodes}|{b.Schedule}/{b.Duration}"));
    }

    [Fact]
    public void Weight_RenderedWhenSet()
    {
        Assert.Equal(30, DesiredStateRenderer.Render(WorkloadClasses.Minimal(change: s => s.Weight = 30), RenderContext.Default).NodePool.Spec.Weight);
    }

    [Fact]
    public void EmptyClass_RendersWithoutThrowing()
    {
        var desired = DesiredStateRenderer.Render(new V1Alpha1WorkloadClass(), RenderContext.Default);

        Assert.Equal("", desired.NodeClass.Spec.Role);
        Assert.NotEmpty(ManifestYaml.Serialize(desired.NodePool));
    }

    [Fact]
    public void SameInputTwice_ByteIdenticalYaml()
    {
        static string RenderYaml(Dictionary<string, string> tags)
        {
            var desired = DesiredStateRenderer.Render(
                WorkloadClasses.Minimal(change: s =>
                {
                    s.Tags = tags;
                    s.NodeLabels = new Dictionary<string, string>(tags);
                    s.Limits = new Dictionary<string, string>(tags);
                    s.Instances = new InstanceSelection { Zones = ["b", "a"], Architectures = ["arm64", "amd64"] };
                }, uid: "u-1"),
                RenderContext.Default);
            return ManifestYaml.Serialize(desired.NodeClass) + ManifestYaml.Serialize(desired.NodePool);
        }

        var first = RenderYaml(new Dictionary<string, string> { ["a"] = "1", ["z"] = "2", ["m"] = "3" });
        var second = RenderYaml(new Dictionary<string, string> { ["z"] = "2", ["m"] = "3", ["a"] = "1" });

        Assert.Equal(first, second);
        Assert.Equal(first, RenderYaml(new Dictionary<string, string> { ["m"] = "3", ["a"] = "1", ["z"] = "2" }));
    }
}
