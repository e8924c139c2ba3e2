using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Status;

/// <summary>
/// The ExpiryOutsideWindow condition and status.lifecycle. The condition is a warning (True = some node's forced
/// expiry comes before a window replaces it) and does not change Ready: the pool works, it just replaces nodes at a
/// time nobody chose.
/// </summary>
internal static class LifecycleConditions
{
    private const int MaxNamed = 3;

    public static void Set(ConditionSet conditions, Action<string, string, string, string> set, LifecycleObservation? lifecycle)
    {
        if (lifecycle is null)
        {
            conditions.Remove(ConditionTypes.ExpiryOutsideWindow);
            return;
        }

        if (lifecycle.AtRisk.Count > 0)
        {
            var named = string.Join(", ", lifecycle.AtRisk.Take(MaxNamed).Select(r => $"{r.Name} at {Format(r.ForcedExpiry)}"));
            var more = lifecycle.AtRisk.Count > MaxNamed ? $" (and {lifecycle.AtRisk.Count - MaxNamed} more)" : "";
            if (lifecycle.HasWindows)
            {
                set(ConditionTypes.ExpiryOutsideWindow, ConditionStatus.True, ConditionReasons.ExpiresBeforeReplacement,
                    $"Forced expiry (creation + expireAfter) comes before a replacement window replaces: {named}{more}. " +
                    "Raise spec.lifecycle.replacement.maxReplacing, add windows, or shorten rotateEvery.");
            }
            else
            {
                set(ConditionTypes.ExpiryOutsideWindow, ConditionStatus.True, ConditionReasons.NoReplacementWindows,
                    $"Karpenter replaces these nodes by force at their expiry (creation + expireAfter), whatever the disruption budgets say: {named}{more}. " +
                    "Add spec.lifecycle.replacement windows to replace them gracefully at a time you choose.");
            }
        }
        else if (lifecycle.HasWindows)
        {
            set(ConditionTypes.ExpiryOutsideWindow, ConditionStatus.False, ConditionReasons.ReplacedInWindows,
                "Every node is due to be replaced inside a replacement window before its forced expiry" +
                (lifecycle.NextRotation is { } next ? $"; next rotation at {Format(next)}." : "."));
        }
        else
        {
            conditions.Remove(ConditionTypes.ExpiryOutsideWindow);
        }
    }

    public static LifecycleStatus? Status(LifecycleObservation? lifecycle) => lifecycle is null ? null : new LifecycleStatus
    {
        OldestNodeClaim = lifecycle.OldestNodeClaim,
        OldestNodeCreated = lifecycle.OldestNodeCreated,
        ForcedExpiry = lifecycle.ForcedExpiry,
        WindowOpen = lifecycle.WindowOpen,
        NextWindow = lifecycle.NextWindow,
        LastRotation = lifecycle.LastRotation,
        NextRotation = lifecycle.NextRotation,
        NodeClaimsOnOldHash = lifecycle.HasWindows ? lifecycle.OnOldHash : null,
    };

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
