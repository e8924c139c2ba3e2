using AutoMode.Core.Api.V1Alpha1;

using AutoMode.Core.Scheduling;

namespace AutoMode.Core.Desired;

/// <summary>
/// Inputs computed elsewhere (off-hours state, time-zone translation), so the renderer stays a plain mapping.
/// </summary>
public sealed record RenderContext
{
    public static RenderContext Default { get; } = new();

    /// <summary>Off-hours is active: NodePool limits become exactly cpu "0" / memory "0".</summary>
    public bool HoldCapacityDown { get; init; }

    /// <summary>
    /// Turns one user budget (schedule in its own time zone) into the UTC budgets Karpenter reads.
    /// Null: schedule and duration pass through unchanged and timeZone is dropped.
    /// </summary>
    public Func<DisruptionBudgetSpec, IReadOnlyList<RenderedBudget>>? TranslateBudget { get; init; }
}
