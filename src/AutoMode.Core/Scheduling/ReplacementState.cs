namespace AutoMode.Core.Scheduling;

/// <summary>Where the replacement windows and the rotation stand at one instant, and the budgets that enforce them.</summary>
/// <param name="Open">A replacement window is open: drift may proceed at maxReplacing.</param>
/// <param name="OpenUntil">When the open window run closes; null while closed.</param>
/// <param name="NextWindow">The next instant a window opens (after the open run, when open).</param>
/// <param name="Budgets">The Drifted budgets appended to the NodePool (UTC), in order.</param>
/// <param name="Rotation">The automode.io/rotation value to render (a window start); null when the pool has never rotated.</param>
/// <param name="NextRotation">The window start at which the next rotation begins; null while the pool has no node and never rotated.</param>
/// <param name="NextChange">When this state changes by itself: re-plan then.</param>
public sealed record ReplacementState(
    bool Open,
    DateTimeOffset? OpenUntil,
    DateTimeOffset? NextWindow,
    IReadOnlyList<RenderedBudget> Budgets,
    DateTimeOffset? Rotation,
    DateTimeOffset? NextRotation,
    DateTimeOffset? NextChange);
