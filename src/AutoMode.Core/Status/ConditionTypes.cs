namespace AutoMode.Core.Status;

/// <summary>Condition types on a WorkloadClass. Stable: users alert on them.</summary>
public static class ConditionTypes
{
    /// <summary>Summary: True when the NodeClass and NodePool exist, are ours and Auto Mode reports both Ready.</summary>
    public const string Ready = "Ready";

    /// <summary>kstatus: True while the operator is still working towards the spec.</summary>
    public const string Reconciling = "Reconciling";

    /// <summary>kstatus: True when progress needs a change from the user (invalid spec, conflict, missing permission).</summary>
    public const string Stalled = "Stalled";

    public const string Validated = "Validated";
    public const string NodeClassReady = "NodeClassReady";
    public const string NodePoolReady = "NodePoolReady";
    public const string TagPolicyReady = "TagPolicyReady";
    public const string NodeRoleAccessEntryReady = "NodeRoleAccessEntryReady";

    /// <summary>True when an object with our target name exists and is not ours.</summary>
    public const string Conflict = "Conflict";

    /// <summary>Only on a class annotated automode.io/adopt: whether it took over the NodeClass/NodePool of its name.</summary>
    public const string Adopted = "Adopted";

    /// <summary>True while off-hours holds capacity down.</summary>
    public const string OffHours = "OffHours";

    /// <summary>True while a NodeClaim has been terminating longer than drain.blockedAfter.</summary>
    public const string DrainBlocked = "DrainBlocked";

    /// <summary>True while the NodePool moves from the NodeClass of an earlier node role to the current one's.</summary>
    public const string NodeRoleMigrating = "NodeRoleMigrating";

    /// <summary>True while some node's forced expiry (creation + expireAfter) comes before a replacement window replaces it.</summary>
    public const string ExpiryOutsideWindow = "ExpiryOutsideWindow";

    /// <summary>Display order in status (and so in kubectl describe).</summary>
    public static readonly IReadOnlyList<string> Order =
    [
        Ready, Reconciling, Stalled, Validated, Conflict, Adopted, TagPolicyReady, NodeRoleAccessEntryReady,
        NodeClassReady, NodePoolReady, OffHours, DrainBlocked, ExpiryOutsideWindow, NodeRoleMigrating,
    ];
}
