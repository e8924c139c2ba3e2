using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AutoMode.Core.Api.V1Alpha1;

namespace AutoMode.Operator.Controllers;

/// <summary>
/// Node lifetime gauges per WorkloadClass, on the operator's meter, from the status each reconcile computed: when the
/// oldest node is replaced by force (alert on <c>automode_lifecycle_forced_expiry_timestamp_seconds - time()</c>), and
/// rotation progress (NodeClaims still on an older template hash).
/// </summary>
internal static class LifecycleMetrics
{
    private static readonly ConcurrentDictionary<string, LifecycleStatus> Latest = new(StringComparer.Ordinal);

    public static readonly ObservableGauge<double> ForcedExpiry = OperatorMetrics.Meter.CreateObservableGauge(
        "automode_lifecycle_forced_expiry_timestamp_seconds",
        () => Latest.Where(c => c.Value.ForcedExpiry is not null)
            .Select(c => new Measurement<double>(c.Value.ForcedExpiry!.Value.ToUnixTimeSeconds(), OperatorMetrics.Class(c.Key))).ToList(),
        unit: "s",
        description: "Per WorkloadClass: Unix time at which its oldest node reaches expireAfter and Karpenter replaces it whatever the budgets say.");

    public static readonly ObservableGauge<int> OnOldHash = OperatorMetrics.Meter.CreateObservableGauge(
        "automode_lifecycle_nodeclaims_on_old_hash",
        () => Latest.Where(c => c.Value.NodeClaimsOnOldHash is not null)
            .Select(c => new Measurement<int>(c.Value.NodeClaimsOnOldHash!.Value, OperatorMetrics.Class(c.Key))).ToList(),
        description: "Per WorkloadClass with replacement windows: NodeClaims still on an older NodePool template hash (rotation progress; 0 when done).");

    /// <summary>Records what the class's status says now; nothing for a class without lifetimes to report.</summary>
    public static void Record(string name, LifecycleStatus? lifecycle)
    {
        if (lifecycle is null)
        {
            Latest.TryRemove(name, out _);
        }
        else
        {
            Latest[name] = lifecycle;
        }
    }

    public static void Forget(string name) => Latest.TryRemove(name, out _);
}
