using System.Collections.Concurrent;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// Since when each class waits, by name: for Auto Mode to report a child Ready (or since the last live look), and
/// with its first status held (FirstStatusHold). Instants this replica observed, inputs to the pure planner; they
/// say nothing about what was written (that is <see cref="Kubernetes.Apply.WriteExpectations"/>).
/// </summary>
internal sealed class ClassTimers
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _waitingSince = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _holdingSince = new(StringComparer.Ordinal);

    /// <summary>Since when the class waits for Auto Mode; starts the wait at <paramref name="now"/> if none runs.</summary>
    public DateTimeOffset WaitingSince(string name, DateTimeOffset now) => _waitingSince.GetOrAdd(name, now);

    /// <summary>The class looked live at <paramref name="now"/>: the next live look is one interval later.</summary>
    public void RestartWaiting(string name, DateTimeOffset now) => _waitingSince[name] = now;

    public void StopWaiting(string name) => _waitingSince.TryRemove(name, out _);

    /// <summary>Since when the class's first status is held; starts the hold at <paramref name="now"/> if none runs.</summary>
    public DateTimeOffset HoldingSince(string name, DateTimeOffset now) => _holdingSince.GetOrAdd(name, now);

    /// <summary>Since when the class's first status is held, or null when it is not held. Reads only.</summary>
    public DateTimeOffset? HeldSince(string name) => _holdingSince.TryGetValue(name, out var since) ? since : null;

    public void StopHolding(string name) => _holdingSince.TryRemove(name, out _);

    /// <summary>The class is gone.</summary>
    public void Forget(string name)
    {
        StopWaiting(name);
        StopHolding(name);
    }
}
