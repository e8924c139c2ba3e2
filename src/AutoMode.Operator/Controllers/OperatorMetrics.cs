using System.Diagnostics.Metrics;

namespace AutoMode.Operator.Controllers;

/// <summary>Operator-level metrics (the runtime and AWS adapter have their own), all on the "automode-operator" meter.</summary>
internal static class OperatorMetrics
{
    public static readonly Meter Meter = new("automode-operator");

    public static readonly Counter<long> TagPolicyDrift = Meter.CreateCounter<long>(
        "automode_tag_policy_drift_total", description: "Times the tag-propagation policy was found removed or changed outside the operator and restored.");

    public static readonly Counter<long> NodeClaimsDeleted = Meter.CreateCounter<long>(
        "automode_offhours_nodeclaims_deleted_total", description: "NodeClaims deleted by off-hours drains.");

    public static readonly Counter<long> DrainsBlocked = Meter.CreateCounter<long>(
        "automode_offhours_drains_blocked_total", description: "NodeClaims reported as blocked while draining.");
}
