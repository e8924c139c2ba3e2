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
    /// The UTC budgets Karpenter reads for each user budget (schedule in its own time zone), by the budget's index in
    /// spec.disruption.budgets (computed by <see cref="Planning.DesiredPlanner"/>). Null, or no entry for an index:
    /// schedule and duration pass through unchanged and timeZone is dropped.
    /// </summary>
    public IReadOnlyDictionary<int, IReadOnlyList<RenderedBudget>>? TranslatedBudgets { get; init; }

    /// <summary>
    /// The replacement windows at the instant rendered (<see cref="ReplacementPlanner"/>): their Drifted budgets and the
    /// rotation annotation. Null: a class with windows gets only its always-active maxReplacing budget (see
    /// <see cref="ReplacementRendering"/>).
    /// </summary>
    public ReplacementState? Replacement { get; init; }
}
