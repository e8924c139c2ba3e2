using System.Net;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Kubernetes.Apply;
using AutoMode.Kubernetes.Events;
using k8s;
using k8s.Autorest;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// The report step: records the reconcile's events and writes the status once, only when it differs from what is
/// stored and from what this process last wrote (the cache may not show our own last write yet).
/// </summary>
internal sealed class StatusReporter(IObjectWriter writer, IEventRecorder events, WriteExpectations expectations)
{
    /// <summary>Records plan-time events, in order.</summary>
    public void Record(V1Alpha1WorkloadClass workloadClass, IEnumerable<PlannedEvent> planned)
    {
        foreach (var e in planned)
        {
            events.Record(ClassReference.Of(workloadClass), e.Warning ? EventKind.Warning : EventKind.Normal, e.Reason, e.Message);
        }
    }

    /// <summary>
    /// Writes the status if it changed, unless the report holds the first status back (then <paramref name="timers"/>
    /// remember since when, for the next reconcile's hold).
    /// </summary>
    public async Task WriteAsync(V1Alpha1WorkloadClass workloadClass, ClassReport report, ClassTimers timers, CancellationToken cancellationToken)
    {
        Record(workloadClass, report.Events);
        var kind = Kinds.WorkloadClass.Kind;
        var uid = Uid(workloadClass);
        var computed = StatusEquality.Canonical(report.Status);
        var cached = workloadClass.Status is null ? null : StatusEquality.Canonical(workloadClass.Status);
        if (cached == computed)
        {
            expectations.SettleStatus(kind, uid);
            return;
        }

        var written = expectations.WrittenStatus(kind, uid);
        if (written == computed)
        {
            return;
        }

        var name = workloadClass.Metadata.Name;
        if (report.HoldUntil is not null)
        {
            timers.HoldingSince(name, report.Inputs.Now);
            return;
        }

        timers.StopHolding(name);
        Record(workloadClass, report.EventsOnWrite);
        var patch = StatusPatch.Create(report.Status, cached, written);
        try
        {
            await writer.PatchStatusAsync(Kinds.WorkloadClass, name, patch, cancellationToken);
        }
        catch (HttpOperationException error) when (error.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            // Deleted while we reconciled it: nothing left to report on.
            return;
        }

        expectations.PatchedStatus(kind, uid, computed);
    }

    /// <summary>Whether a status is stored or this process wrote one the cache does not show yet (then nothing is held).</summary>
    public bool HasStatus(V1Alpha1WorkloadClass workloadClass) =>
        workloadClass.Status is not null || expectations.WrittenStatus(Kinds.WorkloadClass.Kind, Uid(workloadClass)) is not null;

    /// <summary>
    /// The class as the reconcile should judge it: with the status this process last wrote when the cache does not show
    /// that write yet. Events announced with a status write (RotationCompleted, MigrationStarted, DrainBlocked, ...)
    /// compare the previous status with the new one; against a cache one write behind, a change that our last write
    /// already showed would be compared with the status before it, and announced twice or never.
    /// </summary>
    public V1Alpha1WorkloadClass WithLatestStatus(V1Alpha1WorkloadClass workloadClass)
    {
        if (expectations.WrittenStatus(Kinds.WorkloadClass.Kind, Uid(workloadClass)) is not { } written)
        {
            return workloadClass;
        }

        // A copy: the cached object is shared with the informer and must not change.
        return new V1Alpha1WorkloadClass
        {
            ApiVersion = workloadClass.ApiVersion,
            Kind = workloadClass.Kind,
            Metadata = workloadClass.Metadata,
            Spec = workloadClass.Spec,
            Status = KubernetesJson.Deserialize<V1Alpha1WorkloadClassStatus>(written),
        };
    }

    private static string Uid(V1Alpha1WorkloadClass workloadClass) => workloadClass.Metadata.Uid ?? workloadClass.Metadata.Name;
}
