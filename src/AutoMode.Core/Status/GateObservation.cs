namespace AutoMode.Core.Status;

/// <summary>
/// The state of a precondition computed elsewhere (tag-propagation policy, node-role access entry):
/// Status is True/False/Unknown; UserActionRequired marks a False that only the user can fix (Stalled).
/// </summary>
public sealed record GateObservation(string Status, string Reason, string Message, bool UserActionRequired = false);
