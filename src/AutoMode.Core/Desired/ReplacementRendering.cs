using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Scheduling;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Core.Desired;

/// <summary>What spec.lifecycle.replacement adds to the NodePool: Drifted budgets after the user's, and the rotation annotation.</summary>
internal static class ReplacementRendering
{
    /// <summary>The template annotations: only the rotation, and only once the pool has rotated (null keeps the field out).</summary>
    public static SortedDictionary<string, string>? TemplateAnnotations(RenderContext context) =>
        context.Replacement?.Rotation is { } rotation
            ? new SortedDictionary<string, string>(StringComparer.Ordinal) { [WorkloadClassApi.RotationAnnotation] = ReplacementPlanner.FormatRotation(rotation) }
            : null;

    /// <summary>
    /// Appends the Drifted budgets after the user's budgets (or Auto Mode's default 10%, which stays for the other
    /// reasons). Karpenter applies the minimum of the active budgets, so these only ever restrict.
    /// </summary>
    public static V1Disruption AddBudgets(V1Disruption disruption, ReplacementSpec? replacement, RenderContext context)
    {
        if (replacement is null)
        {
            return disruption;
        }

        var budgets = context.Replacement?.Budgets
            ?? [new RenderedBudget(replacement.MaxReplacing ?? ReplacementPlanner.DefaultMaxReplacing, null, null, ["Drifted"])];
        disruption.Budgets ??= [];
        foreach (var budget in budgets)
        {
            disruption.Budgets.Add(new V1Budget { Nodes = budget.Nodes, Schedule = budget.Schedule, Duration = budget.Duration, Reasons = budget.Reasons?.ToList() });
        }

        return disruption;
    }
}
