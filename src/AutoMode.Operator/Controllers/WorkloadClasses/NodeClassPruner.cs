using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Kubernetes.Apply;
using AutoMode.Kubernetes.Events;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// The last step of a node role change: deletes a NodeClass of an earlier role once the plan says no NodeClaim
/// references it and the pool points elsewhere. The operator's only DELETE of a generated object, and a narrow one:
/// preconditions on uid and resourceVersion, so neither a replaced object nor one changed since (say, adopted by someone
/// else) is deleted. EKS Auto Mode keeps a NodeClass with a finalizer until no NodeClaim references it (as Karpenter's
/// AWS provider does: kubernetes-sigs/karpenter-provider-aws pkg/controllers/nodeclass/termination.go waits on the
/// NodeClaims of the NodeClass before removing its finalizer), so even a claim the cache has not shown yet is safe.
/// </summary>
internal sealed class NodeClassPruner(IObjectWriter writer, IEventRecorder events, WriteExpectations expectations, TimeProvider time, ILogger logger)
{
    public async Task PruneAsync(V1Alpha1WorkloadClass owner, ClassObservation seen, RoleMigrationPlan? migration, CancellationToken cancellationToken)
    {
        // Deletions the cache shows as done no longer need remembering.
        expectations.SettleDeletions(Kinds.NodeClass.Kind, owner.Metadata.Name, seen.OldNodeClasses.Select(o => o.Uid).ToHashSet(StringComparer.Ordinal));
        foreach (var old in migration?.Prune ?? [])
        {
            if (old.ResourceVersion is not { Length: > 0 } resourceVersion)
            {
                continue;
            }

            if (!await writer.DeleteUnchangedAsync(Kinds.NodeClass, old.Name, old.Uid, resourceVersion, cancellationToken))
            {
                // Changed since observed: its watch event brings the class back to decide again.
                continue;
            }

            expectations.Deleted(Kinds.NodeClass.Kind, old.Uid, owner.Metadata.Name, time.GetUtcNow());
            var message = $"Deleted NodeClass {old.Name} of the earlier node role: no NodeClaim references it any more.";
            events.Record(ClassReference.Of(owner), EventKind.Normal, EventReasons.Pruned, message);
            Log.Applied(logger, Kinds.NodeClass.Kind, old.Name, EventReasons.Pruned);
        }
    }
}
