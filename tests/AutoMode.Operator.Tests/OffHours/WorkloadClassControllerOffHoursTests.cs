using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Builders;
using static AutoMode.Operator.Tests.OffHours.OffHoursWorld;

namespace AutoMode.Operator.Tests.OffHours;

/// <summary>Issue 5 acceptance, schedule side: transitions, overrides, suspend, quiet periods and time-zone budgets.</summary>
public sealed class WorkloadClassControllerOffHoursTests
{
    public static TheoryData<Dictionary<string, string>?, string> SpecLimits => new()
    {
        { new Dictionary<string, string> { ["cpu"] = "64", ["memory"] = "256Gi" }, "both limits come back as written" },
        { new Dictionary<string, string> { ["cpu"] = "1500m", ["nvidia.com/gpu"] = "4" }, "other resources and milli-units come back, no memory is invented" },
        { null, "a class without limits gets no limits back" },
    };

    [Theory]
    [MemberData(nameof(SpecLimits))]
    public async Task WindowCloses_UserLimitsBackExactlyAsInSpec(Dictionary<string, string>? limits, string reason)
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Nightly("batch", spec: s => s.Limits = limits));
        h.PutClaim("a", "batch");
        await h.SettleAsync("batch");

        h.Time.Advance(Opens - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.LimitsAreZero("batch") && h.Terminating("batch").Count == 1);
        await h.SettleAsync("batch");
        h.Release("a");
        await h.SettleAsync("batch");
        h.PutClaim("b", "batch");
        await h.SettleAsync("batch");
        Assert.Equal(1, h.DeleteRequests("b"));
        Assert.Equal(1, h.ClassQueue.DelayedCount);

        h.Time.Advance(Closes - h.Time.GetUtcNow());
        Assert.Equal(0, h.ClassQueue.DelayedCount);
        await h.WaitForAsync(() => h.OffHoursStatus("batch")?["active"]?.GetValue<bool>() == false);
        await h.SettleAsync("batch");

        var expected = limits is null ? null : new JsonObject(limits.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value))));
        Assert.True(JsonNode.DeepEquals(expected, h.Limits("batch")), $"{reason}: {h.Limits("batch")?.ToJsonString()}");

        // After the window nothing is drained any more.
        h.PutClaim("c", "batch");
        await h.SettleAsync("batch");
        Assert.Equal(0, h.DeleteRequests("c"));

        var workloadClass = h.Get(Classes, "batch");
        var status = h.OffHoursStatus("batch")!;
        Assert.Equal(Closes, (DateTimeOffset)status["since"]!);
        Assert.Equal(Closes.AddDays(1).AddHours(-11), (DateTimeOffset)status["nextTransition"]!);
        Assert.Null(status["nodeClaimsRemaining"]);
        Assert.Equal("False", OperatorHarness.Condition(workloadClass, "OffHours"));
        Assert.Equal("OutsideWindow", OperatorHarness.Condition(workloadClass, "OffHours", "reason"));
        Assert.Equal("True", OperatorHarness.Condition(workloadClass, "Ready"));
        await h.WaitForEventAsync("batch", "OffHoursEnded");
        Assert.Empty(h.Reconciles.Errors);
    }

    [Fact]
    public async Task UpUntilOverride_InWindow_CapacityUpUntilThenDownAgainByItself()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Nightly("batch"));
        h.Time.Advance(Opens - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.LimitsAreZero("batch"));
        await h.SettleAsync("batch");

        var until = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
        h.Apply(Annotated(Nightly("batch"), "up-until=2026-11-24T03:00:00+01:00"));
        await h.WaitForAsync(() => (string?)h.Limits("batch")?["cpu"] == "64");
        h.PutClaim("a", "batch");
        await h.SettleAsync("batch");

        var status = h.OffHoursStatus("batch")!;
        Assert.False((bool)status["active"]!);
        Assert.Equal("up-until=2026-11-24T02:00:00Z", (string?)status["override"]);
        Assert.Equal(until, (DateTimeOffset)status["nextTransition"]!);
        Assert.Equal("OverrideUp", OperatorHarness.Condition(h.Get(Classes, "batch"), "OffHours", "reason"));
        Assert.Equal(0, h.DeleteRequests("a"));

        // The override expires by itself: the queue fires at its end and the window applies again.
        h.Time.Advance(until - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.LimitsAreZero("batch") && h.Terminating("batch").SequenceEqual(["a"]));
        await h.SettleAsync("batch");
        status = h.OffHoursStatus("batch")!;
        Assert.True((bool)status["active"]!);
        Assert.Null(status["override"]);
        Assert.Equal("Scheduled", OperatorHarness.Condition(h.Get(Classes, "batch"), "OffHours", "reason"));
        Assert.Empty(h.Reconciles.Errors);
    }

    [Fact]
    public async Task DownUntilOverride_OutsideWindow_DownNowAndDrained_UpAgainAtUntil()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Nightly("batch"));
        h.PutClaim("a", "batch");
        await h.SettleAsync("batch");

        var until = new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
        h.Apply(Annotated(Nightly("batch"), "down-until=2026-11-23T15:00:00Z"));
        await h.WaitForAsync(() => h.LimitsAreZero("batch") && h.Terminating("batch").SequenceEqual(["a"]));
        await h.SettleAsync("batch");
        var status = h.OffHoursStatus("batch")!;
        Assert.True((bool)status["active"]!);
        Assert.Equal("down-until=2026-11-23T15:00:00Z", (string?)status["override"]);
        Assert.Equal(until, (DateTimeOffset)status["nextTransition"]!);
        Assert.Equal("OverrideDown", OperatorHarness.Condition(h.Get(Classes, "batch"), "OffHours", "reason"));

        h.Time.Advance(until - h.Time.GetUtcNow());
        await h.WaitForAsync(() => (string?)h.Limits("batch")?["cpu"] == "64");
        await h.SettleAsync("batch");
        status = h.OffHoursStatus("batch")!;
        Assert.False((bool)status["active"]!);
        Assert.Null(status["override"]);
        Assert.Equal(Opens, (DateTimeOffset)status["nextTransition"]!);
        Assert.Equal(1, h.DeleteRequests("a"));
        Assert.Empty(h.Reconciles.Errors);
    }

    [Fact]
    public async Task Suspend_InWindow_CapacityUpAndNoDrain_UnsuspendTakesItDownAgain()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Nightly("batch"));
        h.Time.Advance(Opens - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.LimitsAreZero("batch"));

        h.Apply(Nightly("batch", o => o.Suspend = true));
        await h.WaitForAsync(() => (string?)h.Limits("batch")?["cpu"] == "64");
        h.PutClaim("a", "batch");
        await h.SettleAsync("batch");
        Assert.Equal(0, h.DeleteRequests("a"));
        var workloadClass = h.Get(Classes, "batch");
        Assert.Equal("Suspended", OperatorHarness.Condition(workloadClass, "OffHours", "reason"));
        Assert.Equal("False", OperatorHarness.Condition(workloadClass, "OffHours"));
        Assert.Null(h.OffHoursStatus("batch")!["nextTransition"]);

        h.Apply(Nightly("batch"));
        await h.WaitForAsync(() => h.LimitsAreZero("batch") && h.Terminating("batch").SequenceEqual(["a"]));
        await h.SettleAsync("batch");
        Assert.Equal("Scheduled", OperatorHarness.Condition(h.Get(Classes, "batch"), "OffHours", "reason"));
        Assert.Empty(h.Reconciles.Errors);
    }

    [Fact]
    public async Task ConvergedInsideAndOutsideWindow_ClockAdvancesAndReconciles_ZeroWrites()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Nightly("batch"));
        h.PutClaim("stuck", "batch");

        // Outside the window.
        await h.SettleAsync("batch");
        await AssertQuietAsync(h, TimeSpan.FromHours(9));

        // Inside, with a NodeClaim that never leaves (DrainBlocked reported): still nothing to write between transitions.
        h.Time.Advance(Opens - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.Terminating("batch").Count == 1);
        h.Time.Advance(TimeSpan.FromMinutes(30));
        await h.WaitForConditionAsync("batch", "DrainBlocked", "True");
        await h.SettleAsync("batch");
        await AssertQuietAsync(h, TimeSpan.FromHours(10));
        Assert.Empty(h.Reconciles.Errors);
    }

    private static async Task AssertQuietAsync(OperatorHarness h, TimeSpan within)
    {
        var writes = h.Runtime.Writer.Writes;
        var requests = h.ObjectWrites();
        h.Time.Advance(within);
        await h.SettleAsync("batch");
        for (var i = 0; i < 20; i++)
        {
            await h.Runtime.ReconcileClassAsync("batch", CancellationToken.None);
        }

        Assert.Equal(writes, h.Runtime.Writer.Writes);
        Assert.Equal(requests, h.ObjectWrites());
    }

    [Fact]
    public async Task TimeZoneBudget_RenderedToUtc_ReRenderedExactlyAtTheZonesNextOffsetChange()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(WorkloadClasses.Valid("berlin", s => s.Disruption = Budget("Europe/Berlin")));
        await h.ApplyAndSettleAsync(WorkloadClasses.Valid("tokyo", s => s.Disruption = Budget("Asia/Tokyo")));

        // Berlin is UTC+1 in November: 09:00 local is 08:00Z. Tokyo (+9, no DST): 00:00Z, and no requeue at all.
        Assert.Equal("0 8 * * 1-5", Schedule(h, "berlin"));
        Assert.Equal("9h", (string?)h.Get(NodePools, "berlin")!["spec"]!["disruption"]!["budgets"]![0]!["duration"]);
        Assert.Equal("0 0 * * 1-5", Schedule(h, "tokyo"));
        Assert.Equal(1, h.ClassQueue.DelayedCount);

        // Summer time starts 2027-03-28 01:00Z.
        var change = new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero);
        // Timers cannot wait that long (at most ~49 days), so the operator wakes up in between, writes nothing, and
        // re-arms for the exact instant once it is in reach.
        var writes = h.Runtime.Writer.Writes;
        h.Time.Advance(change - h.Time.GetUtcNow() - TimeSpan.FromSeconds(1));
        await h.SettleAsync("berlin");
        Assert.Equal("0 8 * * 1-5", Schedule(h, "berlin"));
        Assert.Equal(writes, h.Runtime.Writer.Writes);
        Assert.Equal(1, h.ClassQueue.DelayedCount);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, h.ClassQueue.DelayedCount);
        await h.WaitForAsync(() => Schedule(h, "berlin") == "0 7 * * 1-5");
        await h.SettleAsync("berlin");
        Assert.Equal("0 0 * * 1-5", Schedule(h, "tokyo"));

        // Re-armed for the return to winter time, 2027-10-31 01:00Z.
        Assert.Equal(1, h.ClassQueue.DelayedCount);
        h.Time.Advance(new DateTimeOffset(2027, 10, 31, 1, 0, 0, TimeSpan.Zero) - h.Time.GetUtcNow() - TimeSpan.FromSeconds(1));
        await h.SettleAsync("berlin");
        Assert.Equal("0 7 * * 1-5", Schedule(h, "berlin"));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.WaitForAsync(() => Schedule(h, "berlin") == "0 8 * * 1-5");
        Assert.Empty(h.Reconciles.Errors);

        static DisruptionSpec Budget(string zone) => new()
        {
            Budgets = [new DisruptionBudgetSpec { Nodes = "0", Schedule = "0 9 * * 1-5", Duration = "9h", TimeZone = zone }],
        };

        static string? Schedule(OperatorHarness h, string pool) =>
            (string?)h.Get(NodePools, pool)?["spec"]?["disruption"]?["budgets"]?[0]?["schedule"];
    }

    [Fact]
    public async Task BudgetNotExpressibleInUtc_ReportedAsInvalid_NotSilentlyDropped()
    {
        await using var h = await StartAsync();

        // The 1st of the month at 00:30 in Tokyo is the last day of the previous month in UTC: no single UTC cron.
        h.Apply(WorkloadClasses.Valid("tokyo", s => s.Disruption = new DisruptionSpec
        {
            Budgets = [new DisruptionBudgetSpec { Nodes = "0", Schedule = "30 0 1 * *", Duration = "2h", TimeZone = "Asia/Tokyo" }],
        }));

        await h.WaitForConditionAsync("tokyo", "Validated", "False");
        var message = OperatorHarness.Condition(h.Get(Classes, "tokyo"), "Validated", "message")!;
        Assert.Contains("spec.disruption.budgets[0]", message, StringComparison.Ordinal);
        Assert.Null(h.Get(NodePools, "tokyo"));
    }

    private static V1Alpha1WorkloadClass Annotated(V1Alpha1WorkloadClass workloadClass, string value)
    {
        workloadClass.Metadata.Annotations = new Dictionary<string, string> { [WorkloadClassApi.OffHoursOverrideAnnotation] = value };
        return workloadClass;
    }
}
