using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Kubernetes.Apply;
using AutoMode.Kubernetes.Events;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// The last step of a node role change: deletes a NodeClass of an earlier role once the plan says no NodeClaim
/// references it and the pool points elsewhere. The operator's only DELETE of a generated object, and a narrow one:
/// preconditions on uid and resourceVersion, so neither a replaced object nor one changed since (say, adopted by someone
/// else) is deleted. Karpenter's AWS provider keeps a deleted EC2NodeClass behind its termination finalizer while any
/// NodeClaim references it (aws/karpenter-provider-aws pkg/controllers/nodeclass/termination/controller.go, Finalize:
/// lists NodeClaims by spec.nodeClassRef.name and requeues while any is left). Auto Mode's NodeClass controller is
/// closed source and Karpenter-based; the operator does not rely on it doing the same: it deletes only when its own
/// cache shows no NodeClaim referencing the NodeClass, and only after the pool as stored points elsewhere.
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
