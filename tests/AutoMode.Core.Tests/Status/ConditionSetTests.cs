using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Status;

namespace AutoMode.Core.Tests.Status;

public sealed class ConditionSetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Set_SameStatusNewReason_KeepsTransitionTime()
    {
        var set = ConditionSet.From(null);
        set.Set(ConditionTypes.Ready, ConditionStatus.Unknown, "Progressing", "creating", 1, T0);
        set.Set(ConditionTypes.Ready, ConditionStatus.Unknown, "WaitingForNodePool", "waiting", 2, T0.AddMinutes(5));

        var ready = set.Get(ConditionTypes.Ready)!;
        Assert.Equal(T0, ready.LastTransitionTime);
        Assert.Equal("WaitingForNodePool", ready.Reason);
        Assert.Equal(2, ready.ObservedGeneration);
    }

    [Fact]
    public void Set_StatusFlips_MovesTransitionTime()
    {
        var set = ConditionSet.From(null);
        set.Set(ConditionTypes.Ready, ConditionStatus.Unknown, "Progressing", "", 1, T0);
        set.Set(ConditionTypes.Ready, ConditionStatus.True, "Ready", "", 1, T0.AddSeconds(3));

        Assert.Equal(T0.AddSeconds(3), set.Get(ConditionTypes.Ready)!.LastTransitionTime);
    }

    [Fact]
    public void Set_SubSecondInstant_IsTruncatedToWirePrecision()
    {
        var set = ConditionSet.From(null);
        set.Set(ConditionTypes.Ready, ConditionStatus.True, "Ready", "", 1, T0.AddMilliseconds(999));

        Assert.Equal(T0, set.Get(ConditionTypes.Ready)!.LastTransitionTime);
    }

    [Fact]
    public void ToList_RewritingSameFacts_IsEqualToOriginal()
    {
        var first = ConditionSet.From(null);
        first.Set(ConditionTypes.Validated, ConditionStatus.True, "Valid", "ok", 3, T0);
        first.Set(ConditionTypes.Ready, ConditionStatus.True, "Ready", "ok", 3, T0);

        var second = ConditionSet.From(first.ToList());
        second.Set(ConditionTypes.Ready, ConditionStatus.True, "Ready", "ok", 3, T0.AddHours(1));
        second.Set(ConditionTypes.Validated, ConditionStatus.True, "Valid", "ok", 3, T0.AddHours(1));

        Assert.Equal(first.ToList(), second.ToList());
    }

    [Fact]
    public void ToList_OrdersKnownTypesFirstThenByName()
    {
        var set = ConditionSet.From(
        [
            new WorkloadClassCondition { Type = "Zeta", Status = "True", Reason = "X" },
            new WorkloadClassCondition { Type = ConditionTypes.NodePoolReady, Status = "True", Reason = "X" },
            new WorkloadClassCondition { Type = ConditionTypes.Ready, Status = "True", Reason = "X" },
            new WorkloadClassCondition { Type = "Alpha", Status = "True", Reason = "X" },
        ]);

        Assert.Equal(
            [ConditionTypes.Ready, ConditionTypes.NodePoolReady, "Alpha", "Zeta"],
            set.ToList().Select(c => c.Type));
    }

    [Fact]
    public void From_IgnoresNullAndUntypedEntries()
    {
        var set = ConditionSet.From([null, new WorkloadClassCondition { Type = "", Status = "True", Reason = "X" }]);

        Assert.Empty(set.ToList());
    }
}
