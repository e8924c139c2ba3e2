using System.Diagnostics.Metrics;

namespace AutoMode.Operator.Controllers;

/// <summary>Operator-level metrics (the runtime and AWS adapter have their own), all on the "automode-operator" meter.</summary>
/// <remarks>Off-hours instruments carry the tag <c>workload_class</c> (bounded by the number of classes).</remarks>
internal static class OperatorMetrics
{
    public const string ClassTag = "workload_class";

    public static readonly Meter Meter = new("automode-operator");

    // Weak: a stopped runtime (tests start several per process) drops out without an explicit unregister.
    private static readonly List<WeakReference<IClassesDownSource>> Sources = [];

    public static readonly Counter<long> TagPolicyDrift = Meter.CreateCounter<long>(
        "automode_tag_policy_drift_total", description: "Times the tag-propagation policy was found removed or changed outside the operator and restored.");

    public static readonly Counter<long> NodeClaimsDeleted = Meter.CreateCounter<long>(
        "automode_offhours_nodeclaims_deleted_total", description: "NodeClaims deleted by off-hours drains.");

    public static readonly Counter<long> DrainsBlocked = Meter.CreateCounter<long>(
        "automode_offhours_drains_blocked_total", description: "NodeClaims reported as blocked while draining.");

    public static readonly Counter<double> NodeHoursAvoided = Meter.CreateCounter<double>(
        "automode_offhours_node_hours_avoided_total", unit: "h",
        description: "Estimated node-hours not run thanks to off-hours (nodes when the window opened minus nodes still running, over time), added when a window ends.");

    public static readonly ObservableGauge<int> ClassesDown = Meter.CreateObservableGauge(
        "automode_offhours_classes_down", ObserveClassesDown,
        description: "Per WorkloadClass with off-hours: 1 while off-hours holds its capacity down, 0 while up. Sum for the number of classes down.");

    /// <summary>The usual Prometheus build-info gauge: always 1, its labels say which build runs (join on it in queries).</summary>
    public static readonly ObservableGauge<int> BuildInfoGauge = Meter.CreateObservableGauge(
        "automode_operator_build_info",
        () => new Measurement<int>(1, new("version", BuildInfo.Version), new("revision", BuildInfo.Revision)),
        description: "Always 1; the labels version and revision (commit) say which build of the operator runs.");

    public static KeyValuePair<string, object?> Class(string name) => new(ClassTag, name);

    /// <summary>Adds a source's classes to the classes-down gauge for as long as the source lives.</summary>
    public static void ObserveClassesDown(IClassesDownSource source)
    {
        lock (Sources)
        {
            Sources.Add(new WeakReference<IClassesDownSource>(source));
        }
    }

    private static IEnumerable<Measurement<int>> ObserveClassesDown()
    {
        List<IClassesDownSource> live;
        lock (Sources)
        {
            Sources.RemoveAll(t => !t.TryGetTarget(out _));
            live = [.. Sources.Select(t => t.TryGetTarget(out var source) ? source : null).OfType<IClassesDownSource>()];
        }

        return live.SelectMany(t => t.Snapshot()).Select(c => new Measurement<int>(c.Down ? 1 : 0, Class(c.Name))).ToList();
    }
}
