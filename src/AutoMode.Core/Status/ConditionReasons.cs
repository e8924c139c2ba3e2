namespace AutoMode.Core.Status;

/// <summary>Reason strings on WorkloadClass conditions. Stable API: users alert on them; README "Troubleshooting" maps each to a fix.</summary>
public static class ConditionReasons
{
    public const string Ready = "Ready";
    public const string Progressing = "Progressing";
    public const string Valid = "Valid";
    public const string InvalidSpec = "InvalidSpec";
    public const string NotOwned = "NotOwned";
    public const string ApplyRejected = "ApplyRejected";
    public const string NoConflict = "NoConflict";
    public const string WaitingForAutoMode = "WaitingForAutoMode";
    public const string Applying = "Applying";
    public const string NodeClassNotReady = "NodeClassNotReady";
    public const string NodePoolNotReady = "NodePoolNotReady";
    public const string TagPolicyAttached = "TagPolicyAttached";
    public const string TagPolicyNotRequired = "TagPolicyNotRequired";
    public const string WaitingForTagPolicy = "WaitingForTagPolicy";
    public const string Drained = "Drained";
    public const string Draining = "Draining";
    public const string DrainBlocked = "DrainBlocked";
    public const string NotBlocked = "NotBlocked";
    public const string AccessEntryPresent = "AccessEntryPresent";
    public const string NodeRoleAccessEntryMissing = "NodeRoleAccessEntryMissing";
    public const string Adopted = "Adopted";
    public const string AdoptionPendingConfirmation = "AdoptionPendingConfirmation";
    public const string NotAdoptable = "NotAdoptable";

    // NodeRoleMigrating (RoleMigrationPlanner): the phases of a node role change.
    public const string WaitingForNodeClass = "WaitingForNodeClass";
    public const string ReplacingNodes = "ReplacingNodes";
    public const string Pruning = "Pruning";

    // ExpiryOutsideWindow (LifecycleConditions).
    public const string NoReplacementWindows = "NoReplacementWindows";
    public const string ExpiresBeforeReplacement = "ExpiresBeforeReplacement";
    public const string ReplacedInWindows = "ReplacedInWindows";
}
