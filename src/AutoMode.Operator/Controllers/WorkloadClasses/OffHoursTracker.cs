using System.Collections.Concurrent;
using AutoMode.Core.Scheduling;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// What this replica last acted on per class with off-hours: whether it was down (so each transition is reported
/// once, even while the cache still shows an older status), the classes-down gauge, and the node-hours avoided in
/// the window that is open. The state itself is never taken from here: it is always recomputed from the schedule.
/// </summary>
/// <remarks>
/// A replica that starts in the middle of a window takes "down" from the stored status and reports no transition;
/// it does not know how many nodes the pool had when the window opened, so that window adds no node-hours.
/// </remarks>
internal sealed class OffHoursTracker : IClassesDownSource
{
    private readonly ConcurrentDictionary<string, Entry> _classes = new(StringComparer.Ordinal);

    public OffHoursTracker() => OperatorMetrics.ObserveClassesDown(this);

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, bool Down)> Snapshot() =>
        [.. _classes.Select(c => (c.Key, c.Value.Active))];

    /// <summary>
    /// Records the state computed now. <paramref name="storedActive"/> (status.offHours.active as stored) is the
    /// previous state the first time a class is seen. <paramref name="nodeClaims"/> counts the pool's NodeClaims,
    /// terminating ones included (they still run).
    /// </summary>
    public OffHoursTransition Observe(string name, bool? storedActive, bool active, int nodeClaims, DateTimeOffset now)
    {
        var entry = _classes.GetOrAdd(name, _ => new Entry(storedActive == true, now, nodeClaims));
        lock (entry)
        {
            if (entry.Active && entry.NodesAtOpen is { } open)
            {
                // Piecewise: the count only changes when a NodeClaim event triggers a reconcile, which lands here.
                entry.Avoided += NodeHoursAvoided.Estimate(open - entry.LastCount, entry.LastAt, now);
            }

            var flipped = entry.Active != active;
            var avoided = 0d;
            if (flipped && active)
            {
                entry.NodesAtOpen = nodeClaims;
                entry.Avoided = 0;
            }
            else if (flipped)
            {
                avoided = entry.Avoided;
                entry.NodesAtOpen = null;
                entry.Avoided = 0;
            }

            entry.Active = active;
            entry.LastAt = now;
            entry.LastCount = nodeClaims;
            return new OffHoursTransition(flipped, avoided);
        }
    }

    /// <summary>The class is gone or has no off-hours any more.</summary>
    public void Forget(string name) => _classes.TryRemove(name, out _);

    private sealed class Entry(bool active, DateTimeOffset lastAt, int lastCount)
    {
        public bool Active { get; set; } = active;

        public DateTimeOffset LastAt { get; set; } = lastAt;

        public int LastCount { get; set; } = lastCount;

        /// <summary>Null when this replica did not see the window open.</summary>
        public int? NodesAtOpen { get; set; }

        public double Avoided { get; set; }
    }
}
