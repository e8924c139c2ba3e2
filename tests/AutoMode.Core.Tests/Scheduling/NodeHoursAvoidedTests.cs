using AutoMode.Core.Scheduling;
using static AutoMode.Core.Tests.Scheduling.ScheduleTestData;

namespace AutoMode.Core.Tests.Scheduling;

public sealed class NodeHoursAvoidedTests
{
    [Theory]
    [InlineData("four nodes over a 12h fall-back night", 4, "2026-10-24T18:00:00Z", "2026-10-25T06:00:00Z", 48.0)]
    [InlineData("half an hour", 3, "2026-01-05T20:00:00Z", "2026-01-05T20:30:00Z", 1.5)]
    [InlineData("until before since", 3, "2026-01-05T20:00:00Z", "2026-01-05T19:00:00Z", 0.0)]
    [InlineData("no nodes", 0, "2026-01-05T20:00:00Z", "2026-01-06T07:00:00Z", 0.0)]
    public void Estimate_NodesTimesElapsedHours(string reason, int nodes, string since, string until, double expected) =>
        Assert.True(expected == NodeHoursAvoided.Estimate(nodes, At(since), At(until)), reason);
}
