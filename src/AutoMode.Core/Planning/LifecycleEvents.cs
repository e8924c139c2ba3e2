using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Scheduling;

namespace AutoMode.Core.Planning;

/// <summary>
/// RotationStarted and RotationCompleted, announced with the status write that first shows them (so a cache that
/// lags our own last write, or a restart, never announces one twice).
/// </summary>
internal static class LifecycleEvents
{
    public static IEnumerable<PlannedEvent> OnWrite(V1Alpha1WorkloadClass workloadClass, V1Alpha1WorkloadClassStatus status)
    {
        var before = workloadClass.Status?.Lifecycle;
        var now = status.Lifecycle;
        // A first lifecycle status (an upgraded operator, a new class) reports what it finds, it starts nothing.
        if (before is not null && now?.LastRotation is { } rotation && rotation != before.LastRotation)
        {
            var pace = workloadClass.Spec?.Lifecycle?.Replacement?.MaxReplacing ?? ReplacementPlanner.DefaultMaxReplacing;
            yield return PlannedEvent.Normal(EventReasons.RotationStarted,
                $"Rotation started at the window of {Format(rotation)}: the NodePool template annotation {WorkloadClassApi.RotationAnnotation} changed, " +
                $"so Karpenter marks every NodeClaim Drifted and replaces them inside replacement windows, {pace} at a time, each replacement launched before its node drains.");
        }

        if (now?.LastRotation is { } done && before?.NodeClaimsOnOldHash > 0 && now.NodeClaimsOnOldHash == 0)
        {
            yield return PlannedEvent.Normal(EventReasons.RotationCompleted,
                $"Rotation of {Format(done)} completed: every NodeClaim runs the current NodePool template." +
                (now.NextRotation is { } next ? $" Next rotation at {Format(next)}." : ""));
        }
    }

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
