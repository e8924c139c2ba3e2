using System.Net;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Status;
using AutoMode.Kubernetes.Apply;
using AutoMode.Kubernetes.Events;
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
            events.Record(WorkloadClassController.Reference(workloadClass), e.Warning ? EventKind.Warning : EventKind.Normal, e.Reason, e.Message);
        }
    }

    /// <summary>Writes the status if it changed; returns until when the first status is held (FirstStatusHold, since <paramref name="timers"/> say), or null.</summary>
    public async Task<DateTimeOffset?> WriteAsync(V1Alpha1WorkloadClass workloadClass, ClassReport report, ClassTimers timers, CancellationToken cancellationToken)
    {
        Record(workloadClass, report.Events);
        var kind = Kinds.WorkloadClass.Kind;
        var uid = workloadClass.Metadata.Uid ?? workloadClass.Metadata.Name;
        var computed = StatusEquality.Canonical(report.Status);
        var cached = workloadClass.Status is null ? null : StatusEquality.Canonical(workloadClass.Status);
        if (cached == computed)
        {
            expectations.SettleStatus(kind, uid);
            return null;
        }

        var written = expectations.WrittenStatus(kind, uid);
        if (written == computed)
        {
            return null;
        }

        var name = workloadClass.Metadata.Name;
        var now = report.Inputs.Now;
        var hasStatus = cached is not null || written is not null;
        if (report.HoldFirstStatus)
        {
            var since = hasStatus ? default : timers.HoldingSince(name, now);
            if (FirstStatusHold.HoldUntil(hasStatus, report.Status, since, now) is { } until)
            {
                // The watch on the children brings the next reconcile as soon as Auto Mode reports; this is the fallback.
                return until;
            }
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
            return null;
        }

        expectations.PatchedStatus(kind, uid, computed);
        return null;
    }
}
