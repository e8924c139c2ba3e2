namespace AutoMode.Core.Scheduling;

/// <summary>A Karpenter NodePool disruption budget as rendered: <paramref name="Schedule"/> is a UTC 5-field cron.</summary>
public sealed record RenderedBudget(string Nodes, string? Schedule, string? Duration, IReadOnlyList<string>? Reasons);
