using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Validation;

namespace AutoMode.Core.Status;

/// <summary>Everything the status of one WorkloadClass is computed from. Built by the reconciler from caches and step results.</summary>
public sealed record StatusInputs
{
    public required long Generation { get; init; }

    public required DateTimeOffset Now { get; init; }

    public V1Alpha1WorkloadClassStatus? Previous { get; init; }

    public IReadOnlyList<ValidationError> ValidationErrors { get; init; } = [];

    public required string NodeClassName { get; init; }

    public required string NodePoolName { get; init; }

    /// <summary>Human description of objects with our target names that we do not own; empty when none.</summary>
    public IReadOnlyList<string> Conflicts { get; init; } = [];

    /// <summary>Generated objects the operator could not apply as rendered (immutable field, API server rejection); user action needed.</summary>
    public IReadOnlyList<string> Rejections { get; init; } = [];

    public ChildObservation NodeClass { get; init; } = ChildObservation.Missing;

    public ChildObservation NodePool { get; init; } = ChildObservation.Missing;

    /// <summary>Null when the class has no tags.</summary>
    public GateObservation? TagPolicy { get; init; }

    /// <summary>Null when the node role needs no access entry check.</summary>
    public GateObservation? AccessEntry { get; init; }

    /// <summary>The Adopted condition; null when the class does not ask to adopt.</summary>
    public GateObservation? Adoption { get; init; }

    /// <summary>Null when the class has no offHours section.</summary>
    public OffHoursObservation? OffHours { get; init; }

    public int Nodes { get; init; }

    /// <summary>A node role change in progress; null when none runs.</summary>
    public NodeRoleMigrationStatus? NodeRoleMigration { get; init; }

    /// <summary>Static classes: the NodePool replicas asked for now (0 during off-hours); null for dynamic classes.</summary>
    public long? DesiredNodes { get; init; }

    /// <summary>Null for a class without replacement windows and without running nodes.</summary>
    public LifecycleObservation? Lifecycle { get; init; }
}
