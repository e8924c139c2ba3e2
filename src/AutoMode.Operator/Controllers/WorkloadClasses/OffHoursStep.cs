using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Scheduling;
using AutoMode.Core.ThirdParty.Karpenter.V1;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// The off-hours step: drains the pool while a window is open (<see cref="OffHoursDrainer"/>), and tells whether
/// off-hours flipped since this replica last acted, with the node-hours the window that just ended avoided.
/// </summary>
internal sealed class OffHoursStep(OffHoursDrainer drainer)
{
    private readonly OffHoursTracker _tracker = new();

    /// <summary>Runs the step; <paramref name="nodePool"/> is the NodePool of ours after the apply step (without one nothing is drained).</summary>
    public async Task<(DrainResult? Drain, bool Flipped)> RunAsync(
        V1Alpha1WorkloadClass workloadClass, OffHoursState? offHours, V1NodePool? nodePool, IReadOnlyList<V1NodeClaim> claims, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = workloadClass.Metadata.Name;
        if (offHours is null)
        {
            _tracker.Forget(name);
            return (null, false);
        }

        // A static class goes down through replicas 0, and Auto Mode drains the nodes of a scale-down itself (PDBs
        // respected, auto-static-capacity.html): deleting NodeClaims too would only race it.
        var drain = nodePool is not null && workloadClass.Spec.StaticNodes is null
            ? await drainer.DrainAsync(workloadClass, offHours, nodePool, claims, now, cancellationToken)
            : DrainResult.Nothing(claims.Count);
        var transition = _tracker.Observe(name, workloadClass.Status?.OffHours?.Active, offHours.Active, claims.Count, now);
        if (transition.NodeHoursAvoided > 0)
        {
            OperatorMetrics.NodeHoursAvoided.Add(transition.NodeHoursAvoided, OperatorMetrics.Class(name));
        }

        return (drain, transition.Flipped);
    }

    /// <summary>The class is gone.</summary>
    public void Forget(string name) => _tracker.Forget(name);
}
