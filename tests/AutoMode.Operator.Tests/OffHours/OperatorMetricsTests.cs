using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AutoMode.Operator.Controllers;
using static AutoMode.Operator.Tests.OffHours.OffHoursWorld;

namespace AutoMode.Operator.Tests.OffHours;

/// <summary>Issue 5 point 7: the off-hours metrics, read with a MeterListener from the real operator.</summary>
public sealed class OperatorMetricsTests
{
    [Fact]
    public async Task OffHoursWindow_DeletedBlockedClassesDownAndNodeHoursAvoided()
    {
        using var metrics = new OffHoursMetrics();
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Nightly("meter-night", o => o.Drain!.MaxUnavailable = "2"));
        h.PutClaim("meter-1", "meter-night");
        h.PutClaim("meter-2", "meter-night");
        await h.SettleAsync("meter-night");
        Assert.Equal(0, metrics.Gauge("automode_offhours_classes_down", "meter-night"));

        // 20:00: both NodeClaims deleted; one leaves at once, the other is held.
        h.Time.Advance(Opens - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.Terminating("meter-night").Count == 2);
        await h.SettleAsync("meter-night");
        Assert.Equal(2, metrics.Sum("automode_offhours_nodeclaims_deleted_total", "meter-night"));
        Assert.Equal(1, metrics.Gauge("automode_offhours_classes_down", "meter-night"));
        h.Release("meter-1");
        await h.SettleAsync("meter-night");

        // 20:30: blocked (blockedAfter 30m), counted once however often it is reconciled; then Karpenter lets it go.
        h.Time.Advance(TimeSpan.FromMinutes(30));
        await h.WaitForConditionAsync("meter-night", "DrainBlocked", "True");
        for (var i = 0; i < 5; i++)
        {
            await h.Runtime.ReconcileClassAsync("meter-night", CancellationToken.None);
        }

        Assert.Equal(1, metrics.Sum("automode_offhours_drains_blocked_total", "meter-night"));
        h.Release("meter-2");
        await h.SettleAsync("meter-night");
        Assert.Equal(0, metrics.Sum("automode_offhours_node_hours_avoided_total", "meter-night"));

        // 07:00: the window ends. Two nodes when it opened: 1 avoided for 20:00-20:30, 2 for 20:30-07:00.
        h.Time.Advance(Closes - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.OffHoursStatus("meter-night")?["active"]?.GetValue<bool>() == false);
        await h.SettleAsync("meter-night");
        Assert.Equal(21.5, metrics.Sum("automode_offhours_node_hours_avoided_total", "meter-night"));
        Assert.Equal(0, metrics.Gauge("automode_offhours_classes_down", "meter-night"));
        Assert.Equal(2, metrics.Sum("automode_offhours_nodeclaims_deleted_total", "meter-night"));
    }

    [Fact]
    public async Task BlockedNodeClaim_OperatorRestarted_CountedOnce()
    {
        using var metrics = new OffHoursMetrics();
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Nightly("meter-restart"));
        h.PutClaim("meter-held", "meter-restart");
        await h.SettleAsync("meter-restart");
        h.Time.Advance(Opens - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.Terminating("meter-restart").Count == 1);
        await h.SettleAsync("meter-restart");
        h.Time.Advance(TimeSpan.FromMinutes(30));
        await h.WaitForConditionAsync("meter-restart", "DrainBlocked", "True");
        await h.SettleAsync("meter-restart");

        await h.StopOperatorAsync();
        await h.StartOperatorAsync();
        await h.SettleAsync("meter-restart");

        Assert.Equal(1, metrics.Sum("automode_offhours_drains_blocked_total", "meter-restart"));
        Assert.Equal(1, metrics.Sum("automode_offhours_nodeclaims_deleted_total", "meter-restart"));

        // The new process did not see the window open: it reports the class down, but adds no node-hours estimate.
        Assert.Equal(1, metrics.Gauge("automode_offhours_classes_down", "meter-restart"));
        h.Release("meter-held");
        h.Time.Advance(Closes - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.OffHoursStatus("meter-restart")?["active"]?.GetValue<bool>() == false);
        await h.SettleAsync("meter-restart");
        Assert.Equal(0, metrics.Sum("automode_offhours_node_hours_avoided_total", "meter-restart"));
    }

    /// <summary>Collects off-hours measurements by class (tests run in parallel and share the static instruments).</summary>
    private sealed class OffHoursMetrics : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, string? Class, double Value)> _measurements = new();

        public OffHoursMetrics()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == OperatorMetrics.Meter && instrument.Name.StartsWith("automode_offhours_", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
            _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
            _listener.Start();
        }

        public double Sum(string name, string workloadClass) =>
            _measurements.Where(m => m.Name == name && m.Class == workloadClass).Sum(m => m.Value);

        /// <summary>The gauge's value for the class now; NaN when it reports none.</summary>
        public double Gauge(string name, string workloadClass)
        {
            var before = _measurements.Count;
            _listener.RecordObservableInstruments();
            var observed = _measurements.Skip(before).Where(m => m.Name == name && m.Class == workloadClass).ToList();
            return observed.Count == 0 ? double.NaN : observed[^1].Value;
        }

        public void Dispose() => _listener.Dispose();

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? workloadClass = null;
            foreach (var tag in tags)
            {
                if (tag.Key == OperatorMetrics.ClassTag)
                {
                    workloadClass = tag.Value as string;
                }
            }

            _measurements.Enqueue((instrument.Name, workloadClass, value));
        }
    }
}
