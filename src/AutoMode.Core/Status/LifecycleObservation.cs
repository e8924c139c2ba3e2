namespace AutoMode.Core.Status;

/// <summary>Node lifetimes and replacement windows as computed for this reconcile (<see cref="Planning.LifecycleReport"/>).</summary>
/// <param name="HasWindows">The class has spec.lifecycle.replacement.</param>
/// <param name="OldestNodeClaim">The oldest NodeClaim that is not terminating.</param>
/// <param name="OldestNodeCreated">Its creation.</param>
/// <param name="ForcedExpiry">Its creation plus expireAfter.</param>
/// <param name="WindowOpen">A window is open now (null without windows).</param>
/// <param name="NextWindow">The next window opening.</param>
/// <param name="LastRotation">The rotation in force (the template annotation as applied).</param>
/// <param name="NextRotation">The window start at which the next rotation begins.</param>
/// <param name="OnOldHash">NodeClaims still on an older template hash than the pool's.</param>
/// <param name="AtRisk">NodeClaims whose forced expiry comes before a window replaces them, with that instant, earliest first.</param>
public sealed record LifecycleObservation(
    bool HasWindows,
    string? OldestNodeClaim,
    DateTimeOffset? OldestNodeCreated,
    DateTimeOffset? ForcedExpiry,
    bool? WindowOpen,
    DateTimeOffset? NextWindow,
    DateTimeOffset? LastRotation,
    DateTimeOffset? NextRotation,
    int OnOldHash,
    IReadOnlyList<(string Name, DateTimeOffset ForcedExpiry)> AtRisk);
