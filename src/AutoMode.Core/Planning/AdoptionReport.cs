using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Status;

namespace AutoMode.Core.Planning;

/// <summary>How an adoption decision (<see cref="AdoptionPlanner"/>) shows: the <c>Adopted</c> condition and its one event.</summary>
public static class AdoptionReport
{
    /// <summary>The Adopted condition; a False one needs the user (the class is Stalled until then).</summary>
    public static GateObservation? Condition(AdoptionObservation? adoption, IReadOnlyList<string> rejections)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        return adoption?.Phase switch
        {
            null => null,
            AdoptionPhase.Adopting when rejections.Count > 0 => new GateObservation(ConditionStatus.False, ConditionReasons.NotAdoptable,
                "The adoption was not completed: the API server rejected the apply (see Stalled).", UserActionRequired: true),
            AdoptionPhase.Adopted or AdoptionPhase.Adopting => new GateObservation(ConditionStatus.True, ConditionReasons.Adopted, adoption.Message),
            AdoptionPhase.PendingConfirmation => new GateObservation(ConditionStatus.False, ConditionReasons.AdoptionPendingConfirmation, adoption.Message, UserActionRequired: true),
            _ => new GateObservation(ConditionStatus.False, ConditionReasons.NotAdoptable, adoption.Message, UserActionRequired: true),
        };
    }

    /// <summary>
    /// One warning event when the status first shows a pending adoption, or shows other differences than before (a
    /// new digest): the event stream then holds each set of differences once, not once per reconcile.
    /// </summary>
    public static IReadOnlyList<PlannedEvent> OnWrite(V1Alpha1WorkloadClassStatus? previous, V1Alpha1WorkloadClassStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var now = Adopted(status);
        if (now is not { Reason: ConditionReasons.AdoptionPendingConfirmation })
        {
            return [];
        }

        var before = Adopted(previous);
        return before is { Reason: ConditionReasons.AdoptionPendingConfirmation } && before.Message == now.Message
            ? []
            : [PlannedEvent.Warn(EventReasons.AdoptionPendingConfirmation, now.Message)];
    }

    private static WorkloadClassCondition? Adopted(V1Alpha1WorkloadClassStatus? status) =>
        status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Adopted);
}
