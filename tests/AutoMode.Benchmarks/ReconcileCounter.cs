using System.Diagnostics.Metrics;
using AutoMode.Kubernetes;
using AutoMode.Operator.Controllers.WorkloadClasses;

namespace AutoMode.Benchmarks;

/// <summary>Counts finished WorkloadClass reconciles in this process from the operator's own metric (automode_reconcile_total).</summary>
internal sealed class ReconcileCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public ReconcileCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Telemetry.Name && instrument.Name == "automode_reconcile_total")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "controller" && (string?)tag.Value == WorkloadClassController.Name)
                {
                    Interlocked.Add(ref _count, value);
                }
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
