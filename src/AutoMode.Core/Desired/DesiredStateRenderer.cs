using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Scheduling;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using k8s.Models;

namespace AutoMode.Core.Desired;

/// <summary>
/// WorkloadClass -> the NodeClass and NodePool the operator applies. Pure and total: it is meant for validated
/// classes (names, ranges and rules are the validator's job) but never throws on any class, so a bug upstream
/// shows up as a server-side rejection, not a crashed reconcile.
/// </summary>
public static class DesiredStateRenderer
{
    public static DesiredState Render(V1Alpha1WorkloadClass workloadClass, RenderContext context)
    {
        ArgumentNullException.ThrowIfNull(workloadClass);
        ArgumentNullException.ThrowIfNull(context);

        var name = workloadClass.Metadata?.Name ?? "";
        var spec = workloadClass.Spec ?? new V1Alpha1WorkloadClassSpec();
        var nodeClass = RenderNodeClass(workloadClass, name, spec);
        var nodePool = RenderNodePool(workloadClass, name, spec, context);
        return new DesiredState(nodeClass, nodePool, RequiresTagPolicy: spec.Tags is { Count: > 0 });
    }

    private static V1NodeClass RenderNodeClass(V1Alpha1WorkloadClass owner, string name, V1Alpha1WorkloadClassSpec spec)
    {
        var storage = spec.EphemeralStorage;
        var networking = spec.AdvancedNetworking;
        return new V1NodeClass
        {
            Metadata = Metadata(owner, name),
            Spec = new V1NodeClassSpec
            {
                Role = ComputeSurfaceRenderer.Role(spec),
                InstanceProfile = ComputeSurfaceRenderer.InstanceProfile(spec),
                SubnetSelectorTerms = SelectorTerms(spec.Subnets) ?? [],
                SecurityGroupSelectorTerms = spec.SecurityGroups?
                    .Where(t => t is not null)
                    .Select(t => new V1NodeClassSecurityGroupSelectorTerm { Id = t.Id, Name = t.Name, Tags = Sorted(t.Tags) })
                    .ToList() ?? [],
                PodSubnetSelectorTerms = SelectorTerms(spec.PodSubnets),
                PodSecurityGroupSelectorTerms = SelectorTerms(spec.PodSecurityGroups),
                CapacityReservationSelectorTerms = ComputeSurfaceRenderer.CapacityReservations(spec),
                EphemeralStorage = new V1NodeClassEphemeralStorage
                {
                    Size = storage?.Size ?? AutoModeDefaults.EphemeralStorageSize,
                    Iops = storage?.Iops ?? AutoModeDefaults.EphemeralStorageIops,
                    Throughput = storage?.Throughput ?? AutoModeDefaults.EphemeralStorageThroughput,
                    KmsKeyId = string.IsNullOrEmpty(storage?.KmsKeyId) ? null : storage.KmsKeyId,
                },
                NetworkPolicy = spec.NetworkPolicy ?? AutoModeDefaults.NetworkPolicy,
                NetworkPolicyEventLogs = spec.NetworkPolicyEventLogs ?? AutoModeDefaults.NetworkPolicyEventLogs,
                SnatPolicy = spec.SnatPolicy ?? AutoModeDefaults.SnatPolicy,
                AdvancedNetworking = networking is null ? null : new V1NodeClassAdvancedNetworking
                {
                    AssociatePublicIpAddress = networking.AssociatePublicIpAddress,
                    HttpsProxy = networking.HttpsProxy,
                    NoProxy = networking.NoProxy?.ToList(),
                    Ipv4PrefixSize = networking.Ipv4PrefixSize,
                },
                AdvancedSecurity = ComputeSurfaceRenderer.AdvancedSecurity(spec),
                CertificateBundles = ComputeSurfaceRenderer.CertificateBundles(spec),
                Tags = spec.Tags is { Count: > 0 } ? Sorted(spec.Tags) : null,
            },
        };
    }

    private static V1NodePool RenderNodePool(V1Alpha1WorkloadClass owner, string name, V1Alpha1WorkloadClassSpec spec, RenderContext context)
    {
        var taints = Taints(spec.Taints);
        if (spec.Dedicated == true)
        {
            var dedicated = new V1NodeTaint { Key = WorkloadClassApi.DedicatedTaintKey, Value = name, Effect = "NoSchedule" };
            if (!taints.Any(t => t.Key == dedicated.Key && t.Value == dedicated.Value && t.Effect == dedicated.Effect))
            {
                taints.Add(dedicated);
            }
        }

        var startupTaints = Taints(spec.StartupTaints);

        return new V1NodePool
        {
            Metadata = Metadata(owner, name),
            Spec = new V1NodePoolSpec
            {
                Template = new V1NodeClaimTemplate
                {
                    Metadata = NodeTemplateMetadata.Render(spec, name, ReplacementRendering.TemplateAnnotations(context)),
                    Spec = new V1NodeClaimTemplateSpec
                    {
                        NodeClassRef = new V1NodeClassReference
                        {
                            Group = ResourceKinds.EksGroup,
                            Kind = ResourceKinds.NodeClassKind,
                            Name = name,
                        },
                        Requirements = RequirementsBuilder.Build(spec.Instances),
                        Taints = taints.Count > 0 ? taints : null,
                        StartupTaints = startupTaints.Count > 0 ? startupTaints : null,
                        ExpireAfter = spec.Lifecycle?.ExpireAfter ?? AutoModeDefaults.ExpireAfter,
                        TerminationGracePeriod = spec.Lifecycle?.TerminationGracePeriod ?? AutoModeDefaults.TerminationGracePeriod,
                    },
                },
                Limits = Limits(spec.Limits, ComputeSurfaceRenderer.HoldDownThroughLimits(spec, context)),
                Weight = spec.Weight,
                Replicas = ComputeSurfaceRenderer.Replicas(spec, context),
                Disruption = ReplacementRendering.AddBudgets(Disruption(spec.Disruption, context), spec.Lifecycle?.Replacement, context),
            },
        };
    }

    private static V1ObjectMeta Metadata(V1Alpha1WorkloadClass owner, string name)
    {
        // Only our own labels: copying the parent's would copy Argo CD's tracking label and make Argo adopt
        // (and prune) the generated objects.
        var metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [WorkloadClassApi.ManagedByLabel] = WorkloadClassApi.ManagedByValue,
                [WorkloadClassApi.WorkloadClassLabel] = name,
            },
        };

        var uid = owner.Metadata?.Uid;
        if (!string.IsNullOrEmpty(uid))
        {
            metadata.OwnerReferences =
            [
                new V1OwnerReference
                {
                    ApiVersion = WorkloadClassApi.ApiVersion,
                    Kind = WorkloadClassApi.Kind,
                    Name = name,
                    Uid = uid,
                    Controller = true,
                    BlockOwnerDeletion = true,
                },
            ];
        }

        return metadata;
    }

    private static V1Disruption Disruption(DisruptionSpec? disruption, RenderContext context)
    {
        var budgets = (disruption?.Budgets ?? [])
            .Select((b, index) => (Budget: b, Index: index))
            .Where(b => b.Budget is not null)
            .SelectMany(b => context.TranslatedBudgets?.GetValueOrDefault(b.Index) ?? PassThrough(b.Budget))
            .Select(b => new V1Budget
            {
                Nodes = b.Nodes,
                Schedule = b.Schedule,
                Duration = b.Duration,
                Reasons = b.Reasons is { Count: > 0 } ? b.Reasons.ToList() : null,
            })
            .ToList();
        if (budgets.Count == 0)
        {
            budgets.Add(new V1Budget { Nodes = AutoModeDefaults.BudgetNodes });
        }

        return new V1Disruption
        {
            ConsolidationPolicy = disruption?.ConsolidationPolicy ?? AutoModeDefaults.ConsolidationPolicy,
            ConsolidateAfter = disruption?.ConsolidateAfter ?? AutoModeDefaults.ConsolidateAfter,
            Budgets = budgets,
        };
    }

    private static IReadOnlyList<RenderedBudget> PassThrough(DisruptionBudgetSpec budget) =>
        [new RenderedBudget(budget.Nodes ?? AutoModeDefaults.BudgetNodes, budget.Schedule, budget.Duration, budget.Reasons?.ToList())];

    private static SortedDictionary<string, string>? Limits(IDictionary<string, string>? limits, bool holdCapacityDown)
    {
        if (holdCapacityDown)
        {
            return new SortedDictionary<string, string>(AutoModeDefaults.HeldDownLimits, StringComparer.Ordinal);
        }

        return limits is { Count: > 0 } ? Sorted(limits) : null;
    }

    private static List<V1NodeTaint> Taints(IList<TaintSpec>? taints) =>
        taints?.Where(t => t is not null)
            .Select(t => new V1NodeTaint { Key = t.Key ?? "", Value = t.Value, Effect = t.Effect ?? "" })
            .ToList() ?? [];

    private static List<V1NodeClassSelectorTerm>? SelectorTerms(IList<SubnetSelectorTerm>? terms) =>
        terms is null || terms.Count == 0
            ? null
            : terms.Where(t => t is not null).Select(t => new V1NodeClassSelectorTerm { Id = t.Id, Tags = Sorted(t.Tags) }).ToList();

    private static SortedDictionary<string, string>? Sorted(IDictionary<string, string>? map) =>
        map is null ? null : new SortedDictionary<string, string>(map, StringComparer.Ordinal);
}
