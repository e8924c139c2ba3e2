using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;
using static AutoMode.Core.Validation.ValidationPaths;

namespace AutoMode.Core.Validation;

/// <summary>spec.disruption: consolidation and the Karpenter disruption budgets.</summary>
internal static partial class DisruptionRules
{
    public static void Check(ValidationRun run, DisruptionSpec? disruption)
    {
        if (disruption is null)
        {
            return;
        }

        run.Enum("spec.disruption.consolidationPolicy", disruption.ConsolidationPolicy, "WhenEmpty", "WhenEmptyOrUnderutilized", "Balanced");
        if (disruption.ConsolidateAfter is { } after && (after.Length > 16 || !KubeDuration.IsDurationOrNever(after)))
        {
            run.Add("spec.disruption.consolidateAfter", $"{Q(after)} is not a duration or Never; write e.g. 30s, 5m or Never");
        }

        if (!run.List("spec.disruption.budgets", disruption.Budgets, 50, required: false, ""))
        {
            return;
        }

        for (var i = 0; i < disruption.Budgets!.Count; i++)
        {
            Budget(run, Index("spec.disruption.budgets", i), disruption.Budgets[i]);
        }
    }

    private static void Budget(ValidationRun run, string at, DisruptionBudgetSpec? budget)
    {
        if (budget is null)
        {
            run.Add(at, "is null; give at least nodes");
            return;
        }

        if (budget.Nodes is null)
        {
            run.Add(Field(at, "nodes"), "is required; give a count (\"0\" blocks voluntary disruption) or a percentage such as \"10%\"");
        }
        else
        {
            run.Pattern(Field(at, "nodes"), budget.Nodes, 8, BudgetNodes(), "a count such as \"0\" or a percentage such as \"10%\"");
        }

        if (budget.Schedule is not null)
        {
            ScheduleSyntax.Cron(run, Field(at, "schedule"), budget.Schedule);
        }

        if (budget.Duration is not null)
        {
            run.Pattern(Field(at, "duration"), budget.Duration, 16, BudgetDuration(), "hours and/or minutes such as 9h or 1h30m");
        }

        if (budget.TimeZone is not null)
        {
            ScheduleSyntax.TimeZone(run, Field(at, "timeZone"), budget.TimeZone);
        }

        run.Strings(Field(at, "reasons"), budget.Reasons, 3, unique: true, (rAt, r) => run.Enum(rAt, r, "Underutilized", "Empty", "Drifted"));
        if (budget.Schedule is not null && budget.Duration is null)
        {
            run.Add(Field(at, "duration"), "'schedule' must be set with 'duration'; add a duration such as 9h");
        }

        if (budget.Duration is not null && budget.Schedule is null)
        {
            run.Add(Field(at, "schedule"), "'duration' must be set with 'schedule'; add a 5-field cron schedule");
        }

        if (budget.TimeZone is not null && budget.Schedule is null)
        {
            run.Add(Field(at, "timeZone"), "'timeZone' only applies to a schedule; add a schedule or remove timeZone");
        }
    }

    [GeneratedRegex(@"^((100|[0-9]{1,2})%|[0-9]+)\z")]
    private static partial Regex BudgetNodes();

    [GeneratedRegex(@"^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)\z")]
    private static partial Regex BudgetDuration();
}
