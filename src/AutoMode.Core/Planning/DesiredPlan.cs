using AutoMode.Core.Desired;
using AutoMode.Core.Scheduling;
using AutoMode.Core.Validation;

namespace AutoMode.Core.Planning;

/// <summary>
/// Everything one WorkloadClass means at one instant, computed without I/O: the objects to apply, the off-hours state
/// they reflect, how each zoned disruption budget was rendered to UTC, and when the answer changes next.
/// </summary>
/// <param name="Desired">The NodeClass and NodePool to apply (limits held down while off-hours is active).</param>
/// <param name="OffHours">The off-hours state, or null for a class without spec.offHours.</param>
/// <param name="Override">The off-hours override annotation in force, described for status; null when none is.</param>
/// <param name="Budgets">Each user budget with its UTC rendering, in spec order (null budgets skipped).</param>
/// <param name="BudgetErrors">
/// Budgets that cannot be expressed in UTC. Nothing is applied then: dropping one would silently allow more
/// disruption than asked.
/// </param>
/// <param name="NextChange">The earliest instant the plan changes by itself: an off-hours transition, or a zone's UTC offset change.</param>
public sealed record DesiredPlan(
    DesiredState Desired,
    OffHoursState? OffHours,
    string? Override,
    IReadOnlyList<PlannedBudget> Budgets,
    IReadOnlyList<ValidationError> BudgetErrors,
    DateTimeOffset? NextChange)
{
    /// <summary>Replacement windows and rotation at this instant; null for a class without spec.lifecycle.replacement.</summary>
    public ReplacementState? Replacement { get; init; }
}

/// <summary>One spec.disruption.budgets entry and its UTC rendering.</summary>
public sealed record PlannedBudget(int Index, Api.V1Alpha1.DisruptionBudgetSpec Spec, BudgetTranslation Translation);
