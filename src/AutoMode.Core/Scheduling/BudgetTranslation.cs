namespace AutoMode.Core.Scheduling;

/// <summary>
/// One user budget rendered to Karpenter's UTC budgets (several when one local cron needs more than one UTC cron).
/// </summary>
/// <param name="Budgets">The budgets to render; empty when <paramref name="Error"/> is set.</param>
/// <param name="ValidUntil">The next instant the zone's UTC offset changes: re-render then. Null when it never changes within the look-ahead.</param>
/// <param name="Error">Why the schedule cannot be expressed in UTC; null on success.</param>
public sealed record BudgetTranslation(IReadOnlyList<RenderedBudget> Budgets, DateTimeOffset? ValidUntil, string? Error = null);
