using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;
using AutoMode.Core.Scheduling;
using AutoMode.Core.Validation;

namespace AutoMode.Core.Planning;

/// <summary>
/// (WorkloadClass, creation instant, now) -> <see cref="DesiredPlan"/>. The one place that evaluates off-hours,
/// renders zoned budgets to UTC and renders the children, shared by the controller and `render`, so the two can never
/// disagree. Pure and total: never throws for any spec content.
/// </summary>
public static class DesiredPlanner
{
    /// <param name="workloadClass">The class, validated or not (the plan never throws).</param>
    /// <param name="createdAt">When the class was created (the off-hours grace period counts from it).</param>
    /// <param name="now">The instant to plan for.</param>
    /// <param name="facts">The last rotation and oldest node, for replacement windows; none when omitted (`render`).</param>
    public static DesiredPlan Plan(V1Alpha1WorkloadClass workloadClass, DateTimeOffset createdAt, DateTimeOffset now, ReplacementFacts? facts = null)
    {
        ArgumentNullException.ThrowIfNull(workloadClass);
        var manual = OverrideOf(workloadClass);
        var offHours = workloadClass.Spec?.OffHours is { } spec ? OffHoursSchedule.Evaluate(spec, createdAt, now, manual) : null;
        var budgets = (workloadClass.Spec?.Disruption?.Budgets ?? [])
            .Select((budget, index) => (budget, index))
            .Where(b => b.budget is not null)
            .Select(b => new PlannedBudget(b.index, b.budget, BudgetScheduleTranslator.Translate(b.budget, now)))
            .ToList();
        var errors = budgets
            .Where(b => b.Translation.Error is not null)
            .Select(b => new ValidationError($"spec.disruption.budgets[{b.Index}]", b.Translation.Error!))
            .ToList();

        var replacement = ReplacementPlanner.Plan(workloadClass.Spec?.Lifecycle?.Replacement, facts ?? ReplacementFacts.None, now);
        var context = new RenderContext
        {
            HoldCapacityDown = offHours?.Active == true,
            TranslatedBudgets = budgets.ToDictionary(b => b.Index, b => b.Translation.Budgets),
            Replacement = replacement,
        };
        var desired = DesiredStateRenderer.Render(workloadClass, context);
        var next = Earliest(budgets.Select(b => b.Translation.ValidUntil).Append(offHours?.NextTransition).Append(replacement?.NextChange));
        var inForce = manual is not null && manual.IsInForceAt(now) && offHours is not null ? manual.Describe() : null;
        return new DesiredPlan(desired, offHours, inForce, budgets, errors, next) { Replacement = replacement };
    }

    /// <summary>The off-hours override annotation, when it parses (validation reports it when it does not).</summary>
    public static OffHoursOverride? OverrideOf(V1Alpha1WorkloadClass workloadClass)
    {
        ArgumentNullException.ThrowIfNull(workloadClass);
        var annotation = workloadClass.Metadata?.Annotations?.TryGetValue(WorkloadClassApi.OffHoursOverrideAnnotation, out var value) == true ? value : null;
        return OffHoursOverride.TryParse(annotation, out var parsed, out _) ? parsed : null;
    }

    private static DateTimeOffset? Earliest(IEnumerable<DateTimeOffset?> instants) =>
        instants.Where(i => i is not null).Select(i => i!.Value).DefaultIfEmpty().Min() is var min && min != default ? min : null;
}
