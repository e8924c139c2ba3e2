using AutoMode.Core.Status;
using AutoMode.Core.Validation;

namespace AutoMode.Core.Planning;

/// <summary>
/// What one reconcile does before it reports: whether anything is applied at all, which child is applied, what is
/// rejected without trying, the events known before acting, and the wake-ups known before acting.
/// </summary>
public sealed record ClassPlan
{
    /// <summary>The desired objects and schedule state; null when the class failed validation.</summary>
    public DesiredPlan? Desired { get; init; }

    /// <summary>
    /// Validation or budget errors: nothing is applied, the last good objects stay, and only the status (with these
    /// errors) is written. Empty for a class that is acted on.
    /// </summary>
    public IReadOnlyList<ValidationError> Errors { get; init; } = [];

    /// <summary>True when <see cref="Errors"/> stop the reconcile before any apply.</summary>
    public bool Stop => Errors.Count > 0;

    /// <summary>Apply the NodeClass (it is not blocked, its role is unchanged, the tag gate is open).</summary>
    public bool ApplyNodeClass { get; init; }

    /// <summary>Apply the NodePool once a NodeClass of ours exists after the NodeClass step (the pool references it).</summary>
    public bool ApplyNodePool { get; init; }

    /// <summary>Generated objects the plan refuses to apply as rendered (the immutable NodeClass role).</summary>
    public IReadOnlyList<string> Rejections { get; init; } = [];

    /// <summary>The node role: the NodeClass name, where the pool points, old NodeClasses to prune (null when stopped).</summary>
    public RoleMigrationPlan? Migration { get; init; }

    /// <summary>The tag-policy gate, when the class needs one.</summary>
    public GateObservation? TagPolicy { get; init; }

    /// <summary>Events decided before acting, in order.</summary>
    public IReadOnlyList<PlannedEvent> Events { get; init; } = [];

    /// <summary>The earliest instant the plan itself asks to be looked at again (schedule change, gate opening, old child).</summary>
    public DateTimeOffset? WakeAt { get; init; }
}
