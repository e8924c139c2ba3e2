using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Status;

namespace AutoMode.Core.Planning;

/// <summary>What one reconcile reports: the status to store, its events, and when to look again.</summary>
/// <param name="Inputs">What the status is composed from.</param>
/// <param name="Status">The status composed from <paramref name="Inputs"/>.</param>
/// <param name="Events">Events to record whether or not the status is written (off-hours started or ended).</param>
/// <param name="EventsOnWrite">Events to record only when the status is written (a transition the stored status does not show yet).</param>
/// <param name="WakeAt">The earliest instant to look again by itself, before the cap; null for none.</param>
/// <param name="HoldUntil">
/// Until when the class's first status is held back while it only waits for Auto Mode (<see cref="FirstStatusHold"/>):
/// nothing is written before; null to write now.
/// </param>
public sealed record ClassReport(
    StatusInputs Inputs,
    V1Alpha1WorkloadClassStatus Status,
    IReadOnlyList<PlannedEvent> Events,
    IReadOnlyList<PlannedEvent> EventsOnWrite,
    DateTimeOffset? WakeAt,
    DateTimeOffset? HoldUntil);
