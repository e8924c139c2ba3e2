using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Core.Planning;

/// <summary>
/// MigrationStarted and MigrationCompleted, each once: decided by the stored status against the one being written, so
/// a restarted operator announces neither again (the stored status already shows where the migration stands).
/// </summary>
public static class RoleMigrationEvents
{
    public static IReadOnlyList<PlannedEvent> OnWrite(NodeRoleMigrationStatus? stored, NodeRoleMigrationStatus? written) =>
        (stored, written) switch
        {
            (null, { } started) => [PlannedEvent.Normal(EventReasons.MigrationStarted, $"The node role changed: moving the NodePool from NodeClass {started.From} to NodeClass {started.To}; Karpenter replaces the nodes within the disruption budgets.")],
            ({ } done, null) => [PlannedEvent.Normal(EventReasons.MigrationCompleted, $"The node role change to NodeClass {done.To} is complete: no NodeClaim references {done.From} any more.")],
            _ => [],
        };
}
