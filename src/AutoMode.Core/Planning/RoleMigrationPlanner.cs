using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;
using AutoMode.Core.Status;

namespace AutoMode.Core.Planning;

/// <summary>What a reconcile does about the node role: which NodeClass to apply, where the NodePool points, what to prune.</summary>
/// <param name="NodeClassName">The NodeClass applied for the current role.</param>
/// <param name="NodeClassRef">The NodeClass the applied NodePool points at (the old one until the new one may take over).</param>
/// <param name="Prune">Old NodeClasses to delete now: no NodeClaim references them and the pool points elsewhere.</param>
/// <param name="Status">The migration as status shows it; null when none runs.</param>
public sealed record RoleMigrationPlan(string NodeClassName, string NodeClassRef, IReadOnlyList<OldNodeClass> Prune, NodeRoleMigrationStatus? Status);

/// <summary>
/// A node role change without teardown. The role of an EKS Auto Mode NodeClass is immutable, but the NodePool's
/// spec.template.spec.nodeClassRef.name is not (only group and kind are, by CEL transition rules in the upstream
/// NodePool CRD). So: a NodeClass of the new role is created beside the old one; once Auto Mode reports it Ready and
/// the gates for the new role are open (tag policy, node role access entry), the pool is repointed; Karpenter marks the
/// NodeClaims of the old NodeClass Drifted and replaces them within the disruption budgets; the old NodeClass is
/// deleted once no NodeClaim references it. Pure: every step is decided from what exists, so a restart converges.
/// </summary>
/// <remarks>
/// Why a repoint drifts the nodes: in kubernetes-sigs/karpenter pkg/apis/v1/nodepool.go, NodeClaimTemplateSpec's
/// NodeClassRef carries no <c>hash:"ignore"</c> tag, so it enters the NodePool hash (NodePool.Hash over
/// spec.template); pkg/controllers/nodeclaim/disruption/drift.go areStaticFieldsDrifted marks every NodeClaim whose
/// karpenter.sh/nodepool-hash annotation differs Drifted, and drift is a voluntary disruption, paced by the budgets.
/// </remarks>
public static class RoleMigrationPlanner
{
    public const string WaitingForNodeClass = ConditionReasons.WaitingForNodeClass;
    public const string ReplacingNodes = ConditionReasons.ReplacingNodes;
    public const string Pruning = ConditionReasons.Pruning;

    /// <summary>Decides the names and the prune list, and sets the names on <paramref name="desired"/> (freshly rendered for this plan).</summary>
    public static RoleMigrationPlan Plan(ClassObservation seen, DesiredState desired, GateObservation? tagGate)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(desired);
        var name = seen.NodeClassName ?? seen.Class.Metadata.Name;
        var current = seen.NodePool.Object?.Spec?.Template?.Spec?.NodeClassRef?.Name is { Length: > 0 } referenced ? referenced : null;
        var waitingFor = current is null || current == name ? null : WaitingFor(seen, name, tagGate);
        var target = waitingFor is null ? name : current!;

        desired.NodeClass.Metadata.Name = name;
        desired.NodePool.Spec.Template.Spec.NodeClassRef.Name = target;

        // Only once the pool as observed points at the new NodeClass: Karpenter then launches nothing more on the old
        // ones, and the claims counted are all that will ever reference them.
        var prune = current == name
            ? seen.OldNodeClasses.Where(o => !o.Deleting && o.NodeClaims == 0).ToList()
            : [];
        return new RoleMigrationPlan(name, target, prune, Describe(seen, name, current, waitingFor is not null));
    }

    /// <summary>What keeps the pool on its old NodeClass, or null when it may move to <paramref name="name"/>.</summary>
    public static string? WaitingFor(ClassObservation seen, string name, GateObservation? tagGate)
    {
        ArgumentNullException.ThrowIfNull(seen);
        if (seen.NodeClass.Object is not { } nodeClass)
        {
            return $"NodeClass {name} for the new role does not exist yet";
        }

        if (nodeClass.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Ready)?.Status != ConditionStatus.True)
        {
            return $"EKS Auto Mode has not reported NodeClass {name} Ready yet";
        }

        if (tagGate is { Status: not ConditionStatus.True })
        {
            return "the tag-propagation policy is not ready (TagPolicyReady)";
        }

        return seen.AccessEntry is { Status: not ConditionStatus.True }
            ? "the access entry of the new node role is not confirmed (NodeRoleAccessEntryReady)"
            : null;
    }

    /// <summary>The migration for status, or null when the pool points at the NodeClass of its role and no old one is left.</summary>
    private static NodeRoleMigrationStatus? Describe(ClassObservation seen, string name, string? current, bool waiting)
    {
        var from = seen.OldNodeClasses.Select(o => o.Name).ToList();
        if (current is not null && current != name && !from.Contains(current))
        {
            from.Add(current);
        }

        if (from.Count == 0)
        {
            return null;
        }

        var remaining = seen.OldNodeClasses.Sum(o => o.NodeClaims);
        return new NodeRoleMigrationStatus
        {
            From = string.Join(", ", from.Order(StringComparer.Ordinal)),
            To = name,
            Phase = waiting ? WaitingForNodeClass : remaining > 0 ? ReplacingNodes : Pruning,
            NodeClaimsRemaining = remaining,
        };
    }

    /// <summary>The NodeRoleMigrating condition's message for a migration.</summary>
    public static string Message(NodeRoleMigrationStatus migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var claims = (migration.NodeClaimsRemaining ?? 0).ToString(CultureInfo.InvariantCulture);
        return migration.Phase switch
        {
            WaitingForNodeClass => $"The node role changed: the NodePool stays on NodeClass {migration.From} until NodeClass {migration.To} is Ready and the gates of the new role are open; nodes are not touched yet.",
            ReplacingNodes => $"The NodePool points at NodeClass {migration.To}; Karpenter replaces the {claims} NodeClaim(s) left on {migration.From} as Drifted, within the disruption budgets.",
            _ => $"No NodeClaim references {migration.From} any more; it is being deleted.",
        };
    }
}
