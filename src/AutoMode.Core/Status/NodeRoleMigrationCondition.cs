using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;

namespace AutoMode.Core.Status;

/// <summary>The NodeRoleMigrating condition: True with the migration's phase as reason while one runs, absent otherwise.</summary>
internal static class NodeRoleMigrationCondition
{
    public static void Set(ConditionSet conditions, Action<string, string, string, string> set, NodeRoleMigrationStatus? migration)
    {
        if (migration is null)
        {
            conditions.Remove(ConditionTypes.NodeRoleMigrating);
            return;
        }

        set(ConditionTypes.NodeRoleMigrating, ConditionStatus.True, migration.Phase ?? RoleMigrationPlanner.ReplacingNodes, RoleMigrationPlanner.Message(migration));
    }
}
