using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Validation;

/// <summary>
/// Mirrors every rule of crds/workloadclasses.automode.io.yaml (schema constraints and CEL) and adds what CEL cannot
/// check: cron syntax, IANA time zones, holiday dates, the off-hours override annotation, quantity syntax and
/// uniqueness. Never throws, whatever the input: null spec, null lists, null elements, huge strings.
/// Each spec section's rules live in their own *Rules file; this file is their table of contents, in field order.
/// </summary>
public static class WorkloadClassValidator
{
    /// <summary>Names that belong to EKS Auto Mode's built-in NodeClass and NodePools.</summary>
    public static IReadOnlySet<string> ReservedNames { get; } = new HashSet<string>(StringComparer.Ordinal) { "default", "system", "general-purpose" };

    /// <summary>Auto Mode's limit on expireAfter + terminationGracePeriod (21 days).</summary>
    public static TimeSpan MaxNodeLifetime { get; } = TimeSpan.FromHours(504);

    /// <summary>Defaults the CRD applies (and Auto Mode applies when the field is absent).</summary>
    public const string DefaultExpireAfter = "336h";

    public const string DefaultTerminationGracePeriod = "24h";

    /// <summary>Every error, in field order; empty when the class is valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(V1Alpha1WorkloadClass workloadClass)
    {
        var run = new ValidationRun();
        if (workloadClass is null)
        {
            run.Add("", "the object is null; give a WorkloadClass");
            return run.Errors;
        }

        MetadataRules.Check(run, workloadClass);
        if (workloadClass.Spec is null)
        {
            run.Add("spec", "is required; add a spec with at least nodeRole, subnets and securityGroups");
            return run.Errors;
        }

        Spec(run, workloadClass.Spec);
        return run.Errors;
    }

    private static void Spec(ValidationRun run, V1Alpha1WorkloadClassSpec spec)
    {
        NodeIdentityRules.Check(run, spec);
        NetworkingRules.CheckSelectors(run, spec);
        CapacityReservationRules.Check(run, spec.CapacityReservations);
        StorageRules.Check(run, spec.EphemeralStorage);
        NetworkingRules.CheckPolicies(run, spec);
        NodeSecurityRules.Check(run, spec);
        TagLabelTaintRules.Tags(run, spec.Tags);
        InstanceRules.Check(run, spec.Instances);
        TagLabelTaintRules.NodeLabels(run, spec.NodeLabels);
        TagLabelTaintRules.Taints(run, "spec.taints", spec.Taints);
        TagLabelTaintRules.Taints(run, "spec.startupTaints", spec.StartupTaints);
        LimitsAndLifecycleRules.Limits(run, spec.Limits);
        LimitsAndLifecycleRules.Weight(run, spec.Weight);
        StaticCapacityRules.Check(run, spec);
        LimitsAndLifecycleRules.Lifecycle(run, spec.Lifecycle);
        ReplacementRules.Check(run, spec.Lifecycle);
        DisruptionRules.Check(run, spec.Disruption);
        OffHoursRules.Check(run, spec.OffHours);
    }
}
