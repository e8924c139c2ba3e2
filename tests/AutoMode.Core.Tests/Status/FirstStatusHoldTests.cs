using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Status;

namespace AutoMode.Core.Tests.Status;

public sealed class FirstStatusHoldTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly ChildObservation Ready = new(true, "True", "Ready", "");
    private static readonly ChildObservation NotReported = new(true, null, null, null);

    private static V1Alpha1WorkloadClassStatus Compose(Func<StatusInputs, StatusInputs> change) =>
        StatusComposer.Compose(change(new StatusInputs { Generation = 1, Now = Since, NodeClassName = "web", NodePoolName = "web" }));

    private static readonly V1Alpha1WorkloadClassStatus WaitingForBoth = Compose(i => i with { NodeClass = NotReported, NodePool = NotReported });

    [Fact]
    public void NewChildrenNotYetReported_HeldUntilTheWindowEnds()
    {
        Assert.Equal(Since + FirstStatusHold.Window, FirstStatusHold.HoldUntil(false, WaitingForBoth, Since, Since));
        Assert.Equal(Since + FirstStatusHold.Window, FirstStatusHold.HoldUntil(false, WaitingForBoth, Since, Since + FirstStatusHold.Window - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void WindowOver_WrittenAsProgressing()
    {
        Assert.Null(FirstStatusHold.HoldUntil(false, WaitingForBoth, Since, Since + FirstStatusHold.Window));
    }

    [Fact]
    public void OneChildReadyOtherNotReported_Held()
    {
        var status = Compose(i => i with { NodeClass = Ready, NodePool = NotReported });

        Assert.NotNull(FirstStatusHold.HoldUntil(false, status, Since, Since));
    }

    [Fact]
    public void StatusAlreadyStoredOrWritten_NeverHeld()
    {
        Assert.Null(FirstStatusHold.HoldUntil(true, WaitingForBoth, Since, Since));
    }

    public static TheoryData<string, Func<StatusInputs, StatusInputs>> WrittenAtOnce => new()
    {
        { "ready", i => i with { NodeClass = Ready, NodePool = Ready } },
        { "nothing applied yet", i => i },
        { "NodePool not applied yet", i => i with { NodeClass = NotReported } },
        { "Auto Mode reports not ready", i => i with { NodeClass = new(true, "False", "SubnetsNotFound", "no subnets"), NodePool = NotReported } },
        { "invalid spec", i => i with { NodeClass = NotReported, NodePool = NotReported, ValidationErrors = [new("spec.role", "too long")] } },
        { "not owned", i => i with { NodeClass = NotReported, NodePool = NotReported, Conflicts = ["NodePool web exists and is not ours"] } },
        { "apply rejected", i => i with { NodeClass = NotReported, NodePool = NotReported, Rejections = ["NodePool web: rejected"] } },
        { "tag policy pending", i => i with { NodeClass = NotReported, NodePool = NotReported, TagPolicy = new GateObservation(ConditionStatus.Unknown, ConditionReasons.WaitingForTagPolicy, "attaching") } },
        { "access entry missing", i => i with { NodeClass = NotReported, NodePool = NotReported, AccessEntry = new GateObservation(ConditionStatus.False, "AccessEntryMissing", "create it") } },
    };

    [Theory]
    [MemberData(nameof(WrittenAtOnce))]
    public void AnythingElse_WrittenAtOnce(string situation, Func<StatusInputs, StatusInputs> change)
    {
        Assert.True(FirstStatusHold.HoldUntil(false, Compose(change), Since, Since) is null, situation);
    }

    [Fact]
    public void GatesSatisfied_StillHeldForTheChildren()
    {
        var open = new GateObservation(ConditionStatus.True, "Attached", "ok");
        var status = Compose(i => i with { NodeClass = NotReported, NodePool = NotReported, TagPolicy = open, AccessEntry = open });

        Assert.NotNull(FirstStatusHold.HoldUntil(false, status, Since, Since));
    }
}
