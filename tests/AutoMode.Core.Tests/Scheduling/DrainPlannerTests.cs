using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Scheduling;
using static AutoMode.Core.Tests.Scheduling.ScheduleTestData;

namespace AutoMode.Core.Tests.Scheduling;

public sealed class DrainPlannerTests
{
    private static readonly DateTimeOffset Now = At("2026-01-05T21:00:00Z");

    private static NodeClaimSnapshot Claim(int n, int createdMinutesAgo, int? terminatingMinutes = null) => new(
        $"pool-{n:D2}",
        $"uid-{n}",
        $"node-{n:D2}",
        Now.AddMinutes(-createdMinutesAgo),
        terminatingMinutes is { } t ? Now.AddMinutes(-t) : null);

    private static List<NodeClaimSnapshot> Pool(int count) => [.. Enumerable.Range(1, count).Select(n => Claim(n, 1000 - n))];

    private static DrainPlanInput Input(
        IReadOnlyList<NodeClaimSnapshot> claims,
        string? maxUnavailable = null,
        string? blockedAfter = null,
        bool enabled = true,
        string? operatorNode = null,
        bool otherReplicas = false,
        IReadOnlySet<string>? protectedNodes = null) => new(
            claims,
            new DrainSpec { Enabled = enabled, MaxUnavailable = maxUnavailable, BlockedAfter = blockedAfter },
            Now,
            operatorNode,
            otherReplicas,
            protectedNodes ?? new HashSet<string>());

    private static string Names(IEnumerable<NodeClaimSnapshot> claims) => string.Join(',', claims.Select(c => c.Name));

    // reason, pool size, already terminating, maxUnavailable, expected deletions now, expected resolved pace
    public static TheoryData<string, int, int, string?, int, int> Pace => new()
    {
        { "default is one at a time", 5, 0, null, 1, 1 },
        { "a count", 5, 0, "2", 2, 2 },
        { "terminating ones count against the pace", 5, 1, "2", 1, 2 },
        { "never negative when more are terminating than allowed", 5, 3, "2", 0, 2 },
        { "a count larger than the pool deletes all", 3, 0, "10", 3, 10 },
        { "25% of 10 rounds up to 3", 10, 0, "25%", 3, 3 },
        { "25% of 3 rounds up to 1", 3, 0, "25%", 1, 1 },
        { "0% is still at least 1", 4, 0, "0%", 1, 1 },
        { "100% of the pool", 4, 0, "100%", 4, 4 },
        { "percentage of the pool including terminating ones", 8, 2, "50%", 2, 4 },
        { "zero pauses the drain", 5, 0, "0", 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Pace))]
    public void Plan_MaxUnavailable_LimitsNewDeletionsByWhatIsAlreadyTerminating(
        string reason, int poolSize, int terminating, string? maxUnavailable, int expectedDeletions, int expectedPace)
    {
        var claims = Pool(poolSize).Select((c, i) => i < terminating ? c with { DeletionRequestedAt = Now.AddMinutes(-5) } : c).ToList();

        var plan = DrainPlanner.Plan(Input(claims, maxUnavailable));

        Assert.True(
            (expectedDeletions, expectedPace, terminating, poolSize, (string?)null) == (plan.ToDelete.Count, plan.MaxUnavailable, plan.Terminating, plan.Remaining, plan.Error),
            $"{reason}: got {plan.ToDelete.Count} deletions, pace {plan.MaxUnavailable}");
    }

    [Fact]
    public void Plan_OldestFirstThenByName_RegardlessOfInputOrder()
    {
        NodeClaimSnapshot[] claims = [Claim(3, 100), Claim(1, 50), Claim(2, 100), Claim(4, 500)];

        var plan = DrainPlanner.Plan(Input(claims, "3"));
        var reversed = DrainPlanner.Plan(Input([.. claims.Reverse()], "3"));

        Assert.Equal("pool-04,pool-02,pool-03", Names(plan.ToDelete));
        Assert.Equal(Names(plan.ToDelete), Names(reversed.ToDelete));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("25.5%")]
    [InlineData("150%")]
    [InlineData("%")]
    public void Plan_UnreadableMaxUnavailable_DeletesNothingAndSaysWhy(string maxUnavailable)
    {
        var plan = DrainPlanner.Plan(Input(Pool(3), maxUnavailable));

        Assert.Equal((0, 3), (plan.ToDelete.Count, plan.Remaining));
        Assert.Contains("maxUnavailable", plan.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_UnreadableBlockedAfter_DeletesNothingAndSaysWhy()
    {
        var plan = DrainPlanner.Plan(Input(Pool(3), blockedAfter: "soon"));

        Assert.Empty(plan.ToDelete);
        Assert.Contains("blockedAfter", plan.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public void Plan_DrainNotEnabled_DeletesNothing(bool? enabled)
    {
        var input = Input(Pool(3)) with { Drain = enabled is null ? null : new DrainSpec { Enabled = enabled } };

        var plan = DrainPlanner.Plan(input);

        Assert.Equal((0, 3, (string?)null), (plan.ToDelete.Count, plan.Remaining, plan.Error));
    }

    [Fact]
    public void Plan_TerminatingLongerThanDefaultHour_IsBlockedAndRecheckIsWhenTheNextWouldBe()
    {
        NodeClaimSnapshot[] claims = [Claim(1, 900, terminatingMinutes: 61), Claim(2, 900, terminatingMinutes: 60), Claim(3, 900, terminatingMinutes: 59), Claim(4, 900)];

        var plan = DrainPlanner.Plan(Input(claims, "5"));

        Assert.Equal(
            [new BlockedNodeClaim("pool-01", "node-01", Now.AddMinutes(-61)), new BlockedNodeClaim("pool-02", "node-02", Now.AddMinutes(-60))],
            plan.Blocked);
        Assert.Equal(Now.AddMinutes(1), plan.RecheckAt);
        Assert.Equal("pool-04", Names(plan.ToDelete));
    }

    [Fact]
    public void Plan_CustomBlockedAfter_IsUsed()
    {
        var plan = DrainPlanner.Plan(Input([Claim(1, 900, terminatingMinutes: 31), Claim(2, 900, terminatingMinutes: 10)], blockedAfter: "30m"));

        Assert.Equal("pool-01", plan.Blocked.Single().Name);
        Assert.Equal(Now.AddMinutes(20), plan.RecheckAt);
    }

    [Fact]
    public void Plan_OperatorNodeWithoutOtherReplicas_IsSkippedAndTheNextOneDrainedInstead()
    {
        var plan = DrainPlanner.Plan(Input(Pool(3), operatorNode: "node-01"));

        Assert.Equal([new SkippedNodeClaim("pool-01", "node-01", DrainSkipReasons.SelfProtection)], plan.Skipped);
        Assert.Equal("pool-02", Names(plan.ToDelete));
    }

    [Fact]
    public void Plan_OperatorNodeWithAnotherReadyReplica_IsDrained()
    {
        var plan = DrainPlanner.Plan(Input(Pool(3), operatorNode: "node-01", otherReplicas: true));

        Assert.Empty(plan.Skipped);
        Assert.Equal("pool-01", Names(plan.ToDelete));
    }

    [Fact]
    public void Plan_NodesWithProtectedPods_AreSkippedAndReportedEvenBeyondThePace()
    {
        var plan = DrainPlanner.Plan(Input(Pool(4), "1", protectedNodes: new HashSet<string> { "node-01", "node-03" }));

        Assert.Equal(
            [new SkippedNodeClaim("pool-01", "node-01", DrainSkipReasons.ProtectedNamespace), new SkippedNodeClaim("pool-03", "node-03", DrainSkipReasons.ProtectedNamespace)],
            plan.Skipped);
        Assert.Equal("pool-02", Names(plan.ToDelete));
    }

    [Fact]
    public void Plan_NodeClaimNotYetRegistered_IsDeletedSoItNeverLaunches()
    {
        var plan = DrainPlanner.Plan(Input([Claim(1, 10) with { NodeName = null }], operatorNode: "node-01"));

        Assert.Equal("pool-01", Names(plan.ToDelete));
    }

    [Fact]
    public void Plan_ReplayedAfterRestart_GivesTheSamePlanAndTheNextBatchOnlyAfterEarlierOnesFinish()
    {
        var pool = Pool(6);
        var deletedAt = new Dictionary<string, DateTimeOffset>();
        var maxSeenTerminating = 0;
        var gone = new HashSet<string>();
        var now = Now;

        for (var round = 0; round < 20 && gone.Count < pool.Count; round++)
        {
            var snapshot = pool
                .Where(c => !gone.Contains(c.Name))
                .Select(c => deletedAt.TryGetValue(c.Name, out var at) ? c with { DeletionRequestedAt = at } : c)
                .ToList();
            var input = Input(snapshot, "2") with { Now = now };

            var plan = DrainPlanner.Plan(input);
            Assert.Equal(Names(plan.ToDelete), Names(DrainPlanner.Plan(input).ToDelete));

            foreach (var claim in plan.ToDelete)
            {
                deletedAt[claim.Name] = now;
            }

            maxSeenTerminating = Math.Max(maxSeenTerminating, deletedAt.Keys.Count(n => !gone.Contains(n)));

            // Karpenter finishes the oldest terminating NodeClaim each round.
            if (deletedAt.Where(d => !gone.Contains(d.Key)).OrderBy(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key).FirstOrDefault() is { } done)
            {
                gone.Add(done);
            }

            now = now.AddMinutes(5);
        }

        Assert.Equal((6, 2), (gone.Count, maxSeenTerminating));
    }
}
