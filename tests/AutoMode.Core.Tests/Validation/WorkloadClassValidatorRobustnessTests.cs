using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Validation;
using k8s.Models;

namespace AutoMode.Core.Tests.Validation;

public sealed class WorkloadClassValidatorRobustnessTests
{
    [Fact]
    public void Validate_NullObject_ReturnsAnErrorInsteadOfThrowing()
    {
        var errors = WorkloadClassValidator.Validate(null!);

        Assert.Single(errors);
    }

    [Fact]
    public void Validate_NullSpecAndMetadata_ReportsThemWithoutThrowing()
    {
        var errors = WorkloadClassValidator.Validate(new V1Alpha1WorkloadClass { Metadata = null!, Spec = null!, ApiVersion = null!, Kind = null! });

        Assert.Contains(errors, e => e.Path == "spec");
        Assert.Contains(errors, e => e.Path == "metadata.name");
    }

    [Fact]
    public void Validate_NullElementsEverywhere_ReportsEachNullWithoutThrowing()
    {
        var wc = new V1Alpha1WorkloadClass
        {
            Metadata = new V1ObjectMeta { Name = "x", Annotations = new Dictionary<string, string> { [WorkloadClassApi.OffHoursOverrideAnnotation] = null! } },
            Spec = new V1Alpha1WorkloadClassSpec
            {
                Subnets = [null!],
                SecurityGroups = [null!],
                PodSubnets = [null!],
                PodSecurityGroups = [null!],
                Tags = new Dictionary<string, string> { ["a"] = null! },
                NodeLabels = new Dictionary<string, string> { ["a"] = null! },
                Limits = new Dictionary<string, string> { ["cpu"] = null! },
                Taints = [null!],
                StartupTaints = [new TaintSpec()],
                AdvancedNetworking = new AdvancedNetworkingSpec { NoProxy = [null!] },
                Instances = new InstanceSelection
                {
                    Architectures = [null!],
                    Requirements = [null!, new RequirementSpec { Values = [null!] }],
                    Gpu = new GpuSelection { Names = [null!], Count = new IntRange() },
                },
                Lifecycle = new LifecycleSpec(),
                Disruption = new DisruptionSpec { Budgets = [null!, new DisruptionBudgetSpec { Reasons = [null!] }] },
                OffHours = new OffHoursSpec { Windows = [null!, new OffHoursWindowSpec()], Holidays = [null!], Drain = new DrainSpec { ProtectedNamespaces = [null!] } },
            },
        };

        var errors = WorkloadClassValidator.Validate(wc);

        Assert.Contains(errors, e => e.Path == "spec.subnets[0]");
        Assert.Contains(errors, e => e.Path == "spec.tags[\"a\"]");
        Assert.Contains(errors, e => e.Path == "spec.instances.requirements[0]");
        Assert.Contains(errors, e => e.Path == "spec.offHours.windows[1].start");
        Assert.Contains(errors, e => e.Path == "spec.limits[\"cpu\"]");
    }

    [Fact]
    public void Validate_HugeStrings_ReportsThemQuicklyWithTruncatedValues()
    {
        var huge = new string('a', 1_000_000) + "\n";
        var wc = new V1Alpha1WorkloadClass
        {
            Metadata = new V1ObjectMeta { Name = huge },
            Spec = new V1Alpha1WorkloadClassSpec
            {
                NodeRole = "arn:aws:iam::111122223333:role/" + huge,
                Subnets = [new SubnetSelectorTerm { Id = huge }],
                SecurityGroups = [new SecurityGroupSelectorTerm { Name = huge, Tags = new Dictionary<string, string> { [huge] = huge } }],
                Tags = new Dictionary<string, string> { [huge] = huge },
                NodeLabels = new Dictionary<string, string> { [huge] = huge },
                Instances = new InstanceSelection { Requirements = [new RequirementSpec { Key = huge, Operator = "Gt", Values = [huge] }] },
                Lifecycle = new LifecycleSpec { ExpireAfter = huge, TerminationGracePeriod = new string('9', 100_000) + "h" },
                OffHours = new OffHoursSpec { TimeZone = huge, Windows = [new OffHoursWindowSpec { Start = huge, End = huge }] },
            },
        };

        var errors = WorkloadClassValidator.Validate(wc);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.InRange(e.ToString().Length, 1, 2_000));
    }

    [Fact]
    public void Validate_FiveThousandRandomObjects_NeverThrows()
    {
        var random = new Random(20_251_123);
        for (var i = 0; i < 5_000; i++)
        {
            var wc = RandomClass(random);
            var errors = WorkloadClassValidator.Validate(wc);
            Assert.NotNull(errors);
        }
    }

    private static V1Alpha1WorkloadClass RandomClass(Random r) => new()
    {
        ApiVersion = Pick(r, WorkloadClassApi.ApiVersion, null, "x")!,
        Kind = Pick(r, WorkloadClassApi.Kind, null)!,
        Metadata = r.Next(10) == 0 ? null! : new V1ObjectMeta
        {
            Name = Str(r),
            Annotations = Maybe(r, () => new Dictionary<string, string> { [WorkloadClassApi.OffHoursOverrideAnnotation] = Pick(r, "up-until=2026-01-01T00:00:00Z", "down-until=", Str(r)!)! }),
        },
        Spec = r.Next(20) == 0 ? null! : new V1Alpha1WorkloadClassSpec
        {
            NodeRole = Pick(r, "role", "arn:aws:iam::111122223333:role/x", "arn:", "arn:aws:iam::1:role", Str(r)),
            Subnets = List(r, () => Maybe(r, () => new SubnetSelectorTerm { Id = Pick(r, "subnet-1", Str(r)), Tags = Map(r) })!),
            SecurityGroups = List(r, () => Maybe(r, () => new SecurityGroupSelectorTerm { Id = Str(r), Name = Str(r), Tags = Map(r) })!),
            PodSubnets = List(r, () => new SubnetSelectorTerm { Id = Str(r) }),
            PodSecurityGroups = List(r, () => new SubnetSelectorTerm { Tags = Map(r) }),
            EphemeralStorage = Maybe(r, () => new EphemeralStorageSpec { Size = Str(r), Iops = Long(r), Throughput = Long(r), KmsKeyId = Str(r) }),
            NetworkPolicy = Str(r),
            SnatPolicy = Str(r),
            AdvancedNetworking = Maybe(r, () => new AdvancedNetworkingSpec { HttpsProxy = Str(r), NoProxy = List(r, () => Str(r)!), Ipv4PrefixSize = Str(r) }),
            Tags = Map(r),
            Instances = Maybe(r, () => new InstanceSelection
            {
                Architectures = List(r, () => Pick(r, "arm64", "amd64", Str(r))!),
                Categories = List(r, () => Str(r)!),
                Cpu = Maybe(r, () => new IntRange { Min = Long(r), Max = Long(r) }),
                Gpu = Maybe(r, () => new GpuSelection { Count = Maybe(r, () => new IntRange { Min = Long(r) }), Names = List(r, () => Str(r)!) }),
                Requirements = List(r, () => Maybe(r, () => new RequirementSpec
                {
                    Key = Pick(r, "kubernetes.io/os", "eks.amazonaws.com/instance-cpu", "karpenter.k8s.aws/x", Str(r)),
                    Operator = Pick(r, "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", Str(r)),
                    Values = List(r, () => Str(r)!),
                    MinValues = r.Next(3) == 0 ? r.Next(-5, 60) : null,
                })!),
            }),
            NodeLabels = Map(r),
            Taints = List(r, () => Maybe(r, () => new TaintSpec { Key = Str(r), Value = Str(r), Effect = Pick(r, "NoSchedule", Str(r)) })!),
            Limits = Map(r),
            Weight = r.Next(3) == 0 ? r.Next(-10, 200) : null,
            Lifecycle = Maybe(r, () => new LifecycleSpec { ExpireAfter = Pick(r, "Never", "336h", "99999999999999999999h", Str(r)), TerminationGracePeriod = Pick(r, "24h", Str(r)) }),
            Disruption = Maybe(r, () => new DisruptionSpec
            {
                ConsolidateAfter = Str(r),
                Budgets = List(r, () => Maybe(r, () => new DisruptionBudgetSpec { Nodes = Str(r), Schedule = Pick(r, "0 9 * * 1-5", Str(r)), Duration = Str(r), TimeZone = Pick(r, "UTC", Str(r)) })!),
            }),
            OffHours = Maybe(r, () => new OffHoursSpec
            {
                TimeZone = Pick(r, "Europe/Berlin", Str(r)),
                Windows = List(r, () => Maybe(r, () => new OffHoursWindowSpec { Start = Pick(r, "0 20 * * 1-5", Str(r)), End = Str(r) })!),
                Holidays = List(r, () => Pick(r, "2026-12-25", Str(r))!),
                GracePeriod = Str(r),
                Drain = Maybe(r, () => new DrainSpec { MaxUnavailable = Str(r), BlockedAfter = Str(r), ProtectedNamespaces = List(r, () => Str(r)!) }),
            }),
        },
    };

    private static readonly string[] Fragments = ["", " ", "a", "Never", "arn:", "/", "\"", "\\", "\n", "%", "100%", "0", "-1", "1h", "aws:", "kubernetes.io/", "eks.amazonaws.com/", "karpenter.sh/", "*", "é", "\uD800", "\u017F", "=", "T", ":"];

    private static string? Str(Random r)
    {
        if (r.Next(4) == 0)
        {
            return null;
        }

        var parts = r.Next(0, 6);
        var text = string.Concat(Enumerable.Range(0, parts).Select(_ => Fragments[r.Next(Fragments.Length)]));
        return r.Next(50) == 0 ? text + new string('x', r.Next(60, 3000)) : text;
    }

    private static long? Long(Random r) => r.Next(3) == 0 ? null : r.Next(5) == 0 ? r.NextInt64(long.MinValue, long.MaxValue) : r.Next(-10, 20_000);

    private static T? Pick<T>(Random r, params T?[] choices) => choices[r.Next(choices.Length)];

    private static T? Maybe<T>(Random r, Func<T> make)
        where T : class => r.Next(3) == 0 ? null : make();

    private static List<T>? List<T>(Random r, Func<T> make) =>
        r.Next(3) == 0 ? null : [.. Enumerable.Range(0, r.Next(0, r.Next(10) == 0 ? 60 : 4)).Select(_ => make())];

    private static Dictionary<string, string>? Map(Random r)
    {
        if (r.Next(3) == 0)
        {
            return null;
        }

        var map = new Dictionary<string, string>();
        for (var i = r.Next(0, r.Next(10) == 0 ? 120 : 4); i > 0; i--)
        {
            map[Str(r) ?? ""] = Str(r)!;
        }

        return map;
    }
}
