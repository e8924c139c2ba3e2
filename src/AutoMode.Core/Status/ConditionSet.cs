using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Status;

/// <summary>
/// The conditions of one object, keyed by type (listType=map). Setting a condition keeps its lastTransitionTime
/// unless the status flips, so rewriting the same facts never changes the object (steady state makes zero writes).
/// </summary>
public sealed class ConditionSet
{
    private readonly Dictionary<string, WorkloadClassCondition> _byType;

    private ConditionSet(Dictionary<string, WorkloadClassCondition> byType) => _byType = byType;

    public static ConditionSet From(IEnumerable<WorkloadClassCondition?>? conditions)
    {
        var byType = new Dictionary<string, WorkloadClassCondition>(StringComparer.Ordinal);
        foreach (var condition in conditions ?? [])
        {
            if (condition is { Type.Length: > 0 })
            {
                byType[condition.Type] = condition;
            }
        }

        return new ConditionSet(byType);
    }

    public WorkloadClassCondition? Get(string type) => _byType.GetValueOrDefault(type);

    public bool IsTrue(string type) => Get(type)?.Status == ConditionStatus.True;

    public bool IsFalse(string type) => Get(type)?.Status == ConditionStatus.False;

    /// <summary>Sets a condition; lastTransitionTime moves to <paramref name="now"/> only when the status changes.</summary>
    public void Set(string type, string status, string reason, string message, long? observedGeneration, DateTimeOffset now)
    {
        var previous = Get(type);
        var transitionTime = previous is not null && previous.Status == status ? previous.LastTransitionTime ?? now : now;
        _byType[type] = new WorkloadClassCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastTransitionTime = TruncateToSeconds(transitionTime),
            ObservedGeneration = observedGeneration,
        };
    }

    public void Remove(string type) => _byType.Remove(type);

    /// <summary>Conditions in a fixed order: known types first (see <see cref="ConditionTypes.Order"/>), then the rest by name.</summary>
    public IReadOnlyList<WorkloadClassCondition> ToList() =>
        [.. _byType.Values
            .OrderBy(c => Rank(c.Type))
            .ThenBy(c => c.Type, StringComparer.Ordinal)];

    private static int Rank(string type)
    {
        for (var i = 0; i < ConditionTypes.Order.Count; i++)
        {
            if (ConditionTypes.Order[i] == type)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    // metav1.Time has second precision on the wire; keeping sub-seconds would make the in-memory copy differ from
    // what the server returns and look like a change on every reconcile.
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);
}
