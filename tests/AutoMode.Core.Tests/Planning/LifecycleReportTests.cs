using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Scheduling;
using AutoMode.Core.Status;
using static AutoMode.Core.Tests.Scheduling.ScheduleTestData;

namespace AutoMode.Core.Tests.Planning;

/// <summary>Which nodes reach their forced expiry before a window replaces them, and what the status and events say.</summary>
public sealed class LifecycleReportTests
{
    private static readonly LifecycleSpec Lifecycle = new()
    {
        ExpireAfter = "336h",
        Replacement = new ReplacementSpec
        {
            TimeZone = "UTC",
            Windows = [new ReplacementWindowSpec { Schedule = "0 4 * * 1-4", Duration = "2h" }],
            RotateEvery = "168h",
        },
    };

    private static NodeLifetimes Claims(string? poolHash, params (string Name, string Created, string Hash)[] claims) =>
        new([.. claims.Select(c => new NodeClaimLifetime(c.Name, At(c.Created), c.Hash, false))], poolHash, null);

    [Fact]
    public void WithoutWindows_EveryRunningNodeIsAtRisk_OldestFirst()
    {
        var lifetimes = Claims("h1", ("b", "2026-11-20T00:00:00Z", "h1"), ("a", "2026-11-10T00:00:00Z", "h1"));

        var seen = LifecycleReport.Observe(new LifecycleSpec { ExpireAfter = "336h" }, null, lifetimes, At("2026-11-23T10:00:00Z"))!;

        Assert.False(seen.HasWindows);
        Assert.Equal("a", seen.OldestNodeClaim);
        Assert.Equal(At("2026-11-24T00:00:00Z"), seen.ForcedExpiry);
        Assert.Equal(["a", "b"], seen.AtRisk.Select(r => r.Name));
    }

    [Fact]
    public void WithoutWindowsOrNodes_NothingToReport()
    {
        Assert.Null(LifecycleReport.Observe(null, null, NodeLifetimes.None, At("2026-11-23T10:00:00Z")));
    }

    [Fact]
    public void WithWindows_ANodeExpiringBeforeTheNextRotation_IsAtRisk()
    {
        var now = At("2026-11-23T10:00:00Z");
        // Never rotated: the base is the oldest node (10 Nov), so the rotation was due at Tue 17 Nov's window and starts
        // at the latest window start, Mon 23 Nov 04:00Z; the next one is Mon 30 Nov. Until Karpenter rehashes the pool
        // both nodes look current: "old" expires on the 24th, before the next rotation; "new" on 6 Dec, after it.
        var lifetimes = Claims("h1", ("old", "2026-11-10T00:00:00Z", "h1"), ("new", "2026-11-22T00:00:00Z", "h1"));
        var state = ReplacementPlanner.Plan(Lifecycle.Replacement, lifetimes.Facts, now)!;

        var seen = LifecycleReport.Observe(Lifecycle, state, lifetimes, now)!;

        Assert.Equal(At("2026-11-23T04:00:00Z"), state.Rotation);
        Assert.Equal(At("2026-11-30T04:00:00Z"), state.NextRotation);
        Assert.Equal(["old"], seen.AtRisk.Select(r => r.Name));
    }

    [Fact]
    public void WithWindows_DriftedNodeExpiringAfterTheNextWindow_IsNotAtRisk()
    {
        var now = At("2026-11-23T10:00:00Z");
        var lifetimes = Claims("h2", ("a", "2026-11-20T00:00:00Z", "h1"));
        var state = ReplacementPlanner.Plan(Lifecycle.Replacement, new ReplacementFacts(At("2026-11-23T04:00:00Z"), At("2026-11-20T00:00:00Z")), now)!;

        var seen = LifecycleReport.Observe(Lifecycle, state, lifetimes, now)!;

        Assert.Equal(1, seen.OnOldHash);
        Assert.Empty(seen.AtRisk);
    }

    [Fact]
    public void Composer_WarnsWithoutWindows_AndStatusCarriesTheInstants()
    {
        var now = At("2026-11-23T10:00:00Z");
        var seen = LifecycleReport.Observe(null, null, Claims(null, ("a", "2026-11-20T00:00:00Z", "h1")), now);

        var status = StatusComposer.Compose(new StatusInputs { Generation = 1, Now = now, NodeClassName = "web", NodePoolName = "web", Lifecycle = seen });

        var condition = status.Conditions!.Single(c => c.Type == ConditionTypes.ExpiryOutsideWindow);
        Assert.Equal((ConditionStatus.True, ConditionReasons.NoReplacementWindows), (condition.Status, condition.Reason));
        Assert.Contains("a at 2026-12-04T00:00:00Z", condition.Message, StringComparison.Ordinal);
        Assert.Equal(At("2026-12-04T00:00:00Z"), status.Lifecycle!.ForcedExpiry);
        Assert.Null(status.Lifecycle.NodeClaimsOnOldHash);
    }

    [Fact]
    public void Events_RotationStartedOnceWhenTheRotationChanges_CompletedWhenTheOldHashEmpties()
    {
        var before = new V1Alpha1WorkloadClass
        {
            Metadata = new() { Name = "web" },
            Spec = new V1Alpha1WorkloadClassSpec { Lifecycle = Lifecycle },
            Status = new V1Alpha1WorkloadClassStatus { Lifecycle = new LifecycleStatus { LastRotation = At("2026-11-23T04:00:00Z"), NodeClaimsOnOldHash = 2 } },
        };

        var started = LifecycleEvents.OnWrite(before, new V1Alpha1WorkloadClassStatus { Lifecycle = new LifecycleStatus { LastRotation = At("2026-11-30T04:00:00Z"), NodeClaimsOnOldHash = 2 } }).ToList();
        var same = LifecycleEvents.OnWrite(before, new V1Alpha1WorkloadClassStatus { Lifecycle = new LifecycleStatus { LastRotation = At("2026-11-23T04:00:00Z"), NodeClaimsOnOldHash = 1 } }).ToList();
        var completed = LifecycleEvents.OnWrite(before, new V1Alpha1WorkloadClassStatus { Lifecycle = new LifecycleStatus { LastRotation = At("2026-11-23T04:00:00Z"), NodeClaimsOnOldHash = 0 } }).ToList();

        Assert.Equal([EventReasons.RotationStarted], started.Select(e => e.Reason));
        Assert.Empty(same);
        Assert.Equal([EventReasons.RotationCompleted], completed.Select(e => e.Reason));
    }
}
