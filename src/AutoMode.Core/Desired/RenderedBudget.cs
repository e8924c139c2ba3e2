namespace AutoMode.Core.Desired;

/// <summary>A NodePool disruption budget as Karpenter reads it: schedule is UTC cron.</summary>
public sealed record RenderedBudget(string Nodes, string? Schedule = null, string? Duration = null, IReadOnlyList<string>? Reasons = null);
