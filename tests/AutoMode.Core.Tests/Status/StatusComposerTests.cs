using System.Text.Json;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Status;
using AutoMode.Core.Validation;

namespace AutoMode.Core.Tests.Status;

public sealed class StatusComposerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly ChildObservation ReadyChild = new(true, "True", "Ready", "");

    private static StatusInputs Inputs(Func<StatusInputs, StatusInputs>? change = null)
    {
        var inputs = new StatusInputs { Generation = 4, Now = Now, NodeClassName = "web", NodePoolName = "web" };
        return change is null ? inputs : change(inputs);
    }

    private static WorkloadClassCondition Condition(V1Alpha1WorkloadClassStatus status, string type) =>
        status.Conditions!.Single(c => c.Type == type);

    [Fact]
    public void NothingAppliedYet_ReadyUnknownAndReconciling()
    {
        var status = StatusComposer.Compose(Inputs());

        Assert.Equal(("Unknown", "Progressing"), (Condition(status, "Ready").Status, Condition(status, "Ready").Reason));
        Assert.Equal("True", Condition(status, "Reconciling").Status);
        Assert.Equal("True", Condition(status, "Validated").Status);
        Assert.DoesNotContain(status.Conditions!, c => c.Type == "Stalled");
        Assert.Null(status.NodeClassName);
        Assert.Equal(4, status.ObservedGeneration);
    }

    [Fact]
    public void BothChildrenReady_ReadyTrueWithoutReconciling()
    {
        var status = StatusComposer.Compose(Inputs(i => i with { NodeClass = ReadyChild, NodePool = ReadyChild, Nodes = 3 }));

        Assert.Equal("True", Condition(status, "Ready").Status);
        Assert.DoesNotContain(status.Conditions!, c => c.Type == "Reconciling");
        Assert.All(status.Conditions!, c => Assert.Equal(4, c.ObservedGeneration));
        Assert.Equal(("web", "web", 3), (status.NodeClassName, status.NodePoolName, status.Nodes));
    }

    [Fact]
    public void ChildNotYetReportedByAutoMode_StaysUnknownNotFalse()
    {
        var status = StatusComposer.Compose(Inputs(i => i with { NodeClass = new(true, null, null, null), NodePool = ReadyChild }));

        Assert.Equal("Unknown", Condition(status, "Ready").Status);
        Assert.Equal("WaitingForAutoMode", Condition(status, "NodeClassReady").Reason);
        Assert.Contains("NodeClassReady=Unknown", Condition(status, "Ready").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChildBlockedByAnObjectNotOurs_SaysSoInsteadOfNotApplied()
    {
        var status = StatusComposer.Compose(Inputs(i => i with
        {
            NodeClass = ReadyChild,
            NodePool = ChildObservation.BlockedBy("not owned by any WorkloadClass (see Conflict)"),
            Conflicts = ["NodePool web already exists and is not owned by any WorkloadClass"],
        }));

        Assert.Equal(
            "NodePool web exists but is not this class's: not owned by any WorkloadClass (see Conflict).",
            Condition(status, "NodePoolReady").Message);
        Assert.DoesNotContain("not been applied", Condition(status, "NodePoolReady").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChildReportsNotReady_ReadyFalseWithAutoModeMessage()
    {
        var status = StatusComposer.Compose(Inputs(i => i with { NodeClass = new(true, "False", "SubnetsNotFound", "no subnets matched"), NodePool = ReadyChild }));

        Assert.Equal(("False", "NodeClassNotReady"), (Condition(status, "Ready").Status, Condition(status, "Ready").Reason));
        Assert.Contains("no subnets matched", Condition(status, "Ready").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSpec_StalledWithFieldPathAndLastGoodObjectsKept()
    {
        var status = StatusComposer.Compose(Inputs(i => i with
        {
            NodeClass = ReadyChild,
            NodePool = ReadyChild,
            ValidationErrors = [new ValidationError("spec.lifecycle.expireAfter", "\"Never\" is not allowed")],
        }));

        Assert.Equal(("False", "InvalidSpec"), (Condition(status, "Validated").Status, Condition(status, "Validated").Reason));
        Assert.Equal("True", Condition(status, "Stalled").Status);
        Assert.Equal("False", Condition(status, "Ready").Status);
        Assert.Contains("spec.lifecycle.expireAfter", Condition(status, "Ready").Message, StringComparison.Ordinal);
        Assert.Contains("left as they are", Condition(status, "Ready").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyErrors_MessageShowsThreeAndCountsTheRest()
    {
        var errors = Enumerable.Range(0, 5).Select(n => new ValidationError($"spec.f{n}", "bad")).ToList();
        var status = StatusComposer.Compose(Inputs(i => i with { ValidationErrors = errors }));

        Assert.Contains("(and 2 more)", Condition(status, "Validated").Message, StringComparison.Ordinal);
        Assert.DoesNotContain("spec.f3", Condition(status, "Validated").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conflict_StalledAndReadyFalse()
    {
        var status = StatusComposer.Compose(Inputs(i => i with { Conflicts = ["NodePool web exists and is not owned by this WorkloadClass"] }));

        Assert.Equal("True", Condition(status, "Conflict").Status);
        Assert.Equal(("True", "NotOwned"), (Condition(status, "Stalled").Status, Condition(status, "Stalled").Reason));
        Assert.Equal("False", Condition(status, "Ready").Status);
    }

    [Fact]
    public void TagPolicyWaiting_IsProgressingNotStalled()
    {
        var status = StatusComposer.Compose(Inputs(i => i with
        {
            NodeClass = ReadyChild,
            NodePool = ReadyChild,
            TagPolicy = new GateObservation("False", ConditionReasons.WaitingForTagPolicy, "waiting for IAM propagation"),
        }));

        Assert.Equal("Unknown", Condition(status, "Ready").Status);
        Assert.DoesNotContain(status.Conditions!, c => c.Type == "Stalled");
    }

    [Fact]
    public void TagPolicyAccessDenied_Stalled()
    {
        var status = StatusComposer.Compose(Inputs(i => i with
        {
            TagPolicy = new GateObservation("False", "AccessDenied", "operator lacks iam:PutRolePolicy on arn:aws:iam::1:role/r", UserActionRequired: true),
        }));

        Assert.Equal(("True", "AccessDenied"), (Condition(status, "Stalled").Status, Condition(status, "Stalled").Reason));
        Assert.Contains("iam:PutRolePolicy", Condition(status, "Ready").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OffHoursActive_ReadyTrueOffHoursTrueWithRemainingClaims()
    {
        var offHours = new OffHoursObservation(true, "Scheduled", Now.AddHours(-1), Now.AddHours(10), null, 2, [], null);
        var status = StatusComposer.Compose(Inputs(i => i with { NodeClass = ReadyChild, NodePool = ReadyChild, OffHours = offHours }));

        Assert.Equal("True", Condition(status, "Ready").Status);
        Assert.Equal(("True", "Scheduled"), (Condition(status, "OffHours").Status, Condition(status, "OffHours").Reason));
        Assert.Equal(2, status.OffHours!.NodeClaimsRemaining);
        Assert.Equal(Now.AddHours(10), status.OffHours.NextTransition);
        Assert.DoesNotContain(status.Conditions!, c => c.Type == "DrainBlocked");
    }

    [Fact]
    public void DrainBlocked_ReportedWithDetail()
    {
        var offHours = new OffHoursObservation(true, "Scheduled", Now, Now.AddHours(10), null, 1, ["web-abc"], "NodeClaim web-abc has been terminating for 2h");
        var status = StatusComposer.Compose(Inputs(i => i with { NodeClass = ReadyChild, NodePool = ReadyChild, OffHours = offHours }));

        Assert.Equal("NodeClaim web-abc has been terminating for 2h", Condition(status, "DrainBlocked").Message);
    }

    [Fact]
    public void SameInputsTwice_ProducesEqualStatus()
    {
        var first = StatusComposer.Compose(Inputs(i => i with { NodeClass = ReadyChild, NodePool = ReadyChild }));
        var second = StatusComposer.Compose(Inputs(i => i with { NodeClass = ReadyChild, NodePool = ReadyChild, Previous = first, Now = Now.AddHours(3) }));

        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(second));
    }

    [Fact]
    public void Recovery_FromStalledToReady_RemovesStalledAndConflict()
    {
        var stalled = StatusComposer.Compose(Inputs(i => i with { Conflicts = ["x"] }));
        var recovered = StatusComposer.Compose(Inputs(i => i with { Previous = stalled, NodeClass = ReadyChild, NodePool = ReadyChild, Now = Now.AddMinutes(1) }));

        Assert.DoesNotContain(recovered.Conditions!, c => c.Type is "Stalled" or "Conflict");
        Assert.Equal(Now.AddMinutes(1), Condition(recovered, "Ready").LastTransitionTime);
    }

    [Fact]
    public void Rejection_StalledWithTheReasonAndReadyFalse()
    {
        var status = StatusComposer.Compose(Inputs(i => i with
        {
            NodeClass = ReadyChild,
            NodePool = ReadyChild,
            Rejections = ["spec.nodeRole: the role of NodeClass web is immutable"],
        }));

        Assert.Equal(("True", "ApplyRejected"), (Condition(status, "Stalled").Status, Condition(status, "Stalled").Reason));
        Assert.Equal("False", Condition(status, "Ready").Status);
        Assert.Contains("spec.nodeRole", Condition(status, "Ready").Message, StringComparison.Ordinal);
    }
}
