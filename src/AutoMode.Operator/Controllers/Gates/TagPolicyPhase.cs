namespace AutoMode.Operator.Controllers.Gates;

internal enum TagPolicyPhase
{
    /// <summary>The controller has not completed a pass yet.</summary>
    Pending,

    /// <summary>The policy was read back equal to the desired document at ConfirmedAt.</summary>
    Confirmed,

    /// <summary>The last pass failed; Reason says why.</summary>
    Failed,

    /// <summary>IAM integration is off (no cluster name): tagged NodeClasses are applied unchecked.</summary>
    Disabled,
}
