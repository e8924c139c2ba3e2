using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Status;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using static AutoMode.Core.Tests.Planning.ClassPlannerTests;

namespace AutoMode.Core.Tests.Planning;

/// <summary>
/// The second half of a WorkloadClass reconcile, by table: from what the act steps did, the status inputs, the
/// events and the next wake-up (every requeue rule of the old controller, capped).
/// </summary>
public sealed class ClassReporterTests
{
    private static readonly OffHoursSpec Nightly = new() { TimeZone = "UTC", Windows = [new OffHoursWindowSpec { Start = "0 20 * * *", End = "0 7 * * *" }] };

    private static V1NodeClass ReadyNodeClass(string? ready)
    {
        var nodeClass = NodeClass();
        nodeClass.Status = ready is null ? null : new V1NodeClassStatus { Conditions = [new StatusCondition { Type = ConditionTypes.Ready, Status = ready }] };
        return nodeClass;
    }

    private static ActOutcome Done(V1NodeClass? nodeClass = null, V1NodePool? nodePool = null, DrainResult? drain = null, bool flipped = false, bool waiting = false, IReadOnlyList<string>? rejections = null) =>
        new(nodeClass, nodePool, rejections ?? [], drain, flipped, waiting);

    [Fact]
    public void StoppedByValidation_ChildrenShownAsObserved_BlockedOnesAsMissing_NothingHeld()
    {
        var seen = Seen(Class(s => s.NodeRole = ""), SeenChild.Ours(NodeClass()), Conflicting<V1NodePool>());
        var plan = ClassPlanner.Plan(seen);

        var report = ClassReporter.Report(plan, seen, Done());

        Assert.Equal(plan.Errors, report.Inputs.ValidationErrors);
        Assert.True(report.Inputs.NodeClass.Exists);
        Assert.Equal(ChildObservation.Missing, report.Inputs.NodePool);
        Assert.Empty(report.Inputs.Conflicts);
        Assert.Null(report.HoldUntil);
        Assert.Null(report.WakeAt);
        Assert.Contains(report.Status.Conditions!, c => c.Type == ConditionTypes.Stalled && c.Status == ConditionStatus.True);
    }

    [Fact]
    public void Conflict_BlockerOnTheChild_ConflictListed_RejectionsFromPlanAndApplyInOrder()
    {
        var seen = Seen(nodeClass: SeenChild.Ours(NodeClass(role: "OldRole")), nodePool: Conflicting<V1NodePool>());
        var plan = ClassPlanner.Plan(seen);

        var report = ClassReporter.Report(plan, seen, Done(NodeClass(role: "OldRole"), rejections: ["the API server rejected NodePool web: bad"]));

        Assert.Equal("managed by kubectl (see Conflict)", report.Inputs.NodePool.Blocker);
        Assert.Equal(["NodePool web already exists and is managed by kubectl"], report.Inputs.Conflicts);
        Assert.Equal(2, report.Inputs.Rejections.Count);
        Assert.StartsWith("spec.nodeRole", report.Inputs.Rejections[0], StringComparison.Ordinal);
        Assert.Equal("the API server rejected NodePool web: bad", report.Inputs.Rejections[1]);
        Assert.Contains(report.Status.Conditions!, c => c.Type == ConditionTypes.Conflict && c.Status == ConditionStatus.True);
    }

    // case, plan wake-up (minutes), drain recheck (minutes), waiting for Auto Mode, expected wake-up (seconds from now)
    public static TheoryData<string, int?, int?, bool, int?> WakeCases => new()
    {
        { "nothing scheduled: no wake-up", null, null, false, null },
        { "schedule change only", 60, null, false, 3600 },
        { "a drain recheck before the schedule change", 60, 5, false, 300 },
        { "waiting for Auto Mode: 30 s", 60, 5, true, 30 },
        { "waiting, and the drain looks sooner", null, 0, true, 0 },
    };

    [Theory]
    [MemberData(nameof(WakeCases))]
    public void WakeUp_IsTheEarliestOfEveryRule(string reason, int? planMinutes, int? drainMinutes, bool waiting, int? expectedSeconds)
    {
        var seen = Seen(nodeClass: SeenChild.Ours(NodeClass()), nodePool: SeenChild.Ours(NodePool())) with { HasStatus = true };
        var plan = ClassPlanner.Plan(seen) with { WakeAt = planMinutes is { } p ? Now.AddMinutes(p) : null };
        var drain = drainMinutes is { } d ? new DrainResult(0, [], null, Now.AddMinutes(d)) : null;

        var report = ClassReporter.Report(plan, seen, Done(NodeClass(), NodePool(), drain, waiting: waiting));

        Assert.True((expectedSeconds is { } s ? Now.AddSeconds(s) : (DateTimeOffset?)null) == report.WakeAt, $"{reason}: {report.WakeAt}");
        Assert.True(report.HoldUntil is null, reason);
    }

    // case, a status stored or written, held since (seconds before now; null: not held yet), Auto Mode reported, held until (seconds from now)
    public static TheoryData<string, bool, int?, bool, int?> HoldCases => new()
    {
        { "first status, children just created: held for the window", false, null, false, 2 },
        { "held since 1 s: until the window's end", false, 1, false, 1 },
        { "held for the whole window: written now (Progressing)", false, 2, false, null },
        { "a status is stored already: never held", true, null, false, null },
        { "Auto Mode reported: written at once", false, null, true, null },
    };

    [Theory]
    [MemberData(nameof(HoldCases))]
    public void FirstStatus_IsHeldOnlyWhileItOnlyWaitsForAutoMode(string reason, bool hasStatus, int? heldFor, bool reported, int? heldUntil)
    {
        var seen = Seen(nodeClass: SeenChild.Ours(NodeClass()), nodePool: SeenChild.Ours(NodePool())) with
        {
            HasStatus = hasStatus,
            HoldingSince = heldFor is { } h ? Now.AddSeconds(-h) : null,
        };
        var nodeClass = reported ? ReadyNodeClass(ConditionStatus.True) : NodeClass();
        var nodePool = NodePool();
        if (reported)
        {
            nodePool.Status = new V1NodePoolStatus { Conditions = [new StatusCondition { Type = ConditionTypes.Ready, Status = ConditionStatus.True }] };
        }

        var report = ClassReporter.Report(ClassPlanner.Plan(seen), seen, Done(nodeClass, nodePool, waiting: !reported));

        var expected = heldUntil is { } u ? Now.AddSeconds(u) : (DateTimeOffset?)null;
        Assert.True(expected == report.HoldUntil, $"{reason}: {report.HoldUntil}");
        Assert.True(expected is null || report.WakeAt == expected, $"{reason}: wake {report.WakeAt}");
    }

    // case, wake-up from now (null: none), requeue after (null: none)
    public static TheoryData<string, TimeSpan?, TimeSpan?> RequeueCases => new()
    {
        { "none", null, null },
        { "in the past: now", TimeSpan.FromSeconds(-5), TimeSpan.Zero },
        { "within the cap", TimeSpan.FromHours(8), TimeSpan.FromHours(8) },
        { "months away (next DST change): in steps of the cap", TimeSpan.FromDays(90), ClassReporter.MaxRequeue },
    };

    [Theory]
    [MemberData(nameof(RequeueCases))]
    public void RequeueAfter_IsCappedAtMaxRequeue(string reason, TimeSpan? fromNow, TimeSpan? expected)
    {
        Assert.True(expected == ClassReporter.RequeueAfter(fromNow is { } f ? Now + f : null, Now), reason);
    }

    // Ready status on the child (null: Auto Mode has not reported), child exists, waiting
    [Theory]
    [InlineData(null, true, true)]
    [InlineData(ConditionStatus.Unknown, true, true)]
    [InlineData(ConditionStatus.True, true, false)]
    [InlineData(ConditionStatus.False, true, false)]
    [InlineData(null, false, false)]
    public void WaitingForAutoMode_OnlyUntilAutoModeReportsOnAChildThatExists(string? ready, bool exists, bool waiting)
    {
        Assert.Equal(waiting, ClassReporter.WaitingForAutoMode(exists ? ReadyNodeClass(ready) : null, null));
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    public void ReadLive_OnlyAfterTheRecheckInterval(int secondsWaiting, bool readLive)
    {
        Assert.Equal(readLive, ClassReporter.ReadLive(Now.AddSeconds(-secondsWaiting), Now));
    }

    [Theory]
    [InlineData("2026-01-05T22:00:00Z", EventReasons.OffHoursStarted)]
    [InlineData("2026-01-05T12:00:00Z", EventReasons.OffHoursEnded)]
    public void OffHoursFlipped_IsReportedOnce_ByTheComputedState(string now, string reason)
    {
        var seen = Seen(Class(s => s.OffHours = Nightly), SeenChild.Ours(NodeClass()), SeenChild.Ours(NodePool())) with { Now = ClassPlannerTests.At(now) };
        var plan = ClassPlanner.Plan(seen);

        var flipped = ClassReporter.Report(plan, seen, Done(NodeClass(), NodePool(), DrainResult.Nothing(2), flipped: true));
        var steady = ClassReporter.Report(plan, seen, Done(NodeClass(), NodePool(), DrainResult.Nothing(2)));

        var e = Assert.Single(flipped.Events);
        Assert.Equal((false, reason), (e.Warning, e.Reason));
        Assert.Empty(steady.Events);
        Assert.Equal(2, flipped.Inputs.OffHours!.NodeClaimsRemaining);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void DrainBlocked_AnnouncedWithTheStatusThatFirstShowsIt(bool storedShowsIt, bool announced)
    {
        var workloadClass = Class(s => s.OffHours = Nightly);
        if (storedShowsIt)
        {
            workloadClass.Status = new V1Alpha1WorkloadClassStatus { Conditions = [new WorkloadClassCondition { Type = ConditionTypes.DrainBlocked, Status = ConditionStatus.True, Reason = "Blocked" }] };
        }

        var seen = Seen(workloadClass, SeenChild.Ours(NodeClass()), SeenChild.Ours(NodePool())) with { Now = ClassPlannerTests.At("2026-01-05T22:00:00Z") };
        var drain = new DrainResult(1, ["web-abc"], "Still terminating after drain.blockedAfter: web-abc", null);

        var report = ClassReporter.Report(ClassPlanner.Plan(seen), seen, Done(NodeClass(), NodePool(), drain));

        Assert.Contains(report.Status.Conditions!, c => c.Type == ConditionTypes.DrainBlocked);
        Assert.Equal(announced, report.EventsOnWrite.Any(e => e.Reason == EventReasons.DrainBlocked && e.Warning));
        Assert.Empty(report.Events);
    }
}
