using System.Diagnostics.Metrics;
using AutoMode.Testing.Aws;

namespace AutoMode.Aws.Tests;

public class AwsApiMetricsTests
{
    [Fact]
    public async Task EveryAttempt_IsCountedWithServiceOperationAndResult()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", "{}");
        h.Server.Faults.FailNext("PutRolePolicy", FakeAwsFault.Throttling);
        var seen = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, h.Metrics.Meter) && instrument.Name == AwsApiMetrics.CallsCounterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(x => x.Key, x => x.Value?.ToString());
            lock (seen)
            {
                seen.Add($"{t["service"]}/{t["operation"]}/{t["result"]}={value}");
            }
        });
        listener.Start();

        var put = h.Iam.PutRolePolicyAsync("r", "p", "{\"Statement\":[]}", CancellationToken.None);
        await h.Time.AdvanceNextDelayAsync(AwsHarness.Timeout);
        await put.WaitAsync(AwsHarness.Timeout);
        await AwsAssert.ThrowsAsync(AwsErrorKind.NotFound, () => h.Eks.DescribeClusterAsync("none", CancellationToken.None));

        Assert.Equal(AwsApiMetrics.MeterName, h.Metrics.Meter.Name);
        Assert.Equal(
            ["iam/PutRolePolicy/throttling=1", "iam/PutRolePolicy/success=1", "eks/DescribeCluster/not_found=1"],
            seen);
    }
}
