using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AutoMode.Kubernetes;

/// <summary>
/// The operator's single <see cref="ActivitySource"/> and <see cref="Meter"/>, both named "automode-operator", and the
/// instruments the runtime records. The host subscribes to <see cref="Name"/> for traces and metrics.
/// </summary>
public static class Telemetry
{
    public const string Name = "automode-operator";

    private static readonly ConcurrentDictionary<string, Func<int>> QueueDepths = new(StringComparer.Ordinal);

    public static ActivitySource ActivitySource { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>Tags: controller, result (success | requeue | error | cancelled).</summary>
    public static Counter<long> ReconcileTotal { get; } =
        Meter.CreateCounter<long>("automode_reconcile_total", description: "Reconciles by controller and result.");

    /// <summary>Tags: controller, result.</summary>
    public static Histogram<double> ReconcileDuration { get; } =
        Meter.CreateHistogram<double>("automode_reconcile_duration_seconds", unit: "s", description: "Reconcile duration.");

    /// <summary>Tags: resource (plural.group), verb (apply | patch-status | delete | create).</summary>
    public static Counter<long> ApiWrites { get; } =
        Meter.CreateCounter<long>("automode_api_writes_total", description: "Writes to the Kubernetes API by resource and verb.");

    /// <summary>Tags: controller. Keys ready in each registered work queue.</summary>
    public static ObservableGauge<int> WorkQueueDepth { get; } =
        Meter.CreateObservableGauge("automode_workqueue_depth", ObserveQueueDepths, description: "Keys waiting in the work queue.");

    /// <summary>Adds a queue to the depth gauge until the returned handle is disposed.</summary>
    public static IDisposable RegisterQueue(string controller, Func<int> depth)
    {
        QueueDepths[controller] = depth;
        return new Registration(controller, depth);
    }

    private static IEnumerable<Measurement<int>> ObserveQueueDepths()
    {
        foreach (var (controller, depth) in QueueDepths)
        {
            yield return new Measurement<int>(depth(), new KeyValuePair<string, object?>("controller", controller));
        }
    }

    private sealed class Registration(string controller, Func<int> depth) : IDisposable
    {
        public void Dispose() => QueueDepths.TryRemove(new KeyValuePair<string, Func<int>>(controller, depth));
    }
}
