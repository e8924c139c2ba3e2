namespace AutoMode.Operator.Controllers.Gates;

internal sealed record TagPolicySnapshot(TagPolicyPhase Phase, string Reason, string Message, DateTimeOffset? ConfirmedAt = null, bool UserActionRequired = false)
{
    public static TagPolicySnapshot NotYetChecked { get; } = new(TagPolicyPhase.Pending, "Pending", "Not checked yet.");
}
