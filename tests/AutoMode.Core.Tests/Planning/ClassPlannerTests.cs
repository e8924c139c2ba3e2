using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Status;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using Builders = AutoMode.Testing.Builders.WorkloadClasses;

namespace AutoMode.Core.Tests.Planning;

/// <summary>
/// The first half of a WorkloadClass reconcile, by table: from what was observed, what is applied, what is refused,
/// the events known before acting and when to look again. The behaviours the controller tests cover end to end.
/// </summary>
public sealed class ClassPlannerTests
{
    internal static readonly DateTimeOffset Now = At("2026-01-05T12:00:00Z");

    internal static readonly GateObservation TagsPending = new(ConditionStatus.False, ConditionReasons.WaitingForTagPolicy, "waiting for IAM");

    internal static readonly GateObservation TagsOpen = new(ConditionStatus.True, ConditionReasons.TagPolicyAttached, "attached");

    internal static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    internal static V1Alpha1WorkloadClass Class(Action<V1Alpha1WorkloadClassSpec>? change = null)
    {
        var workloadClass = Builders.Valid("web", change);
        workloadClass.Metadata.Uid = "uid-web";
        workloadClass.Metadata.Generation = 1;
        workloadClass.Metadata.CreationTimestamp = At("2025-01-01T00:00:00Z").UtcDateTime;
        return workloadClass;
    }

    internal static V1NodeClass NodeClass(string role = "AmazonEKSAutoNodeRole") =>
        new() { Metadata = new() { Name = "web" }, Spec = new V1NodeClassSpec { Role = role } };

    internal static V1NodePool NodePool() => new() { Metadata = new() { Name = "web" } };

    internal static SeenChild<T> Conflicting<T>()
        where T : class => new(null, ChildStanding.Conflict, "managed by kubectl (see Conflict)", "NodePool web already exists and is managed by kubectl");

    internal static SeenChild<T> EarlierClass<T>()
        where T : class => new(null, ChildStanding.WaitingForEarlierClass, "it belongs to an earlier WorkloadClass web and waits for the garbage collector");

    internal static ClassObservation Seen(V1Alpha1WorkloadClass? workloadClass = null, SeenChild<V1NodeClass>? nodeClass = null, SeenChild<V1NodePool>? nodePool = null) => new()
    {
        Class = workloadClass ?? Class(),
        Now = Now,
        NodeClass = nodeClass ?? SeenChild.Ours<V1NodeClass>(null),
        NodePool = nodePool ?? SeenChild.Ours<V1NodePool>(null),
        TagPolicy = TagsOpen,
    };

    // case, NodeClass seen, NodePool seen, apply NodeClass, apply NodePool, events
    public static TheoryData<string, string, string, bool, bool, string> ApplyCases => new()
    {
        { "new class: both are created, the NodePool once the NodeClass exists", "missing", "missing", true, true, "" },
        { "steady state: both are compared (and written only on drift)", "ours", "ours", true, true, "" },
        { "NodePool name taken: the NodeClass is still applied, the NodePool left untouched", "ours", "conflict", true, false, "Conflict" },
        { "NodeClass name taken: nothing is applied", "conflict", "missing", false, false, "Conflict" },
        { "both names taken: one Conflict event each", "conflict", "conflict", false, false, "Conflict,Conflict" },
        { "an earlier class's NodeClass is still there: wait for the garbage collector", "earlier", "missing", false, false, "" },
        { "an earlier class's NodePool is still there: the NodeClass is ours already", "ours", "earlier", true, false, "" },
    };

    [Theory]
    [MemberData(nameof(ApplyCases))]
    public void ChildrenAreAppliedUnlessANameIsTaken(string reason, string nodeClass, string nodePool, bool applyNodeClass, bool applyNodePool, string events)
    {
        var plan = ClassPlanner.Plan(Seen(nodeClass: Child(nodeClass, NodeClass()), nodePool: Child(nodePool, NodePool())));

        Assert.False(plan.Stop, reason);
        Assert.True(applyNodeClass == plan.ApplyNodeClass, $"{reason}: apply NodeClass {plan.ApplyNodeClass}");
        Assert.True(applyNodePool == plan.ApplyNodePool, $"{reason}: apply NodePool {plan.ApplyNodePool}");
        Assert.True(events == string.Join(",", plan.Events.Select(e => e.Reason)), $"{reason}: events {string.Join(",", plan.Events.Select(e => e.Reason))}");
        Assert.All(plan.Events, e => Assert.True(e.Warning && e.Message.EndsWith("; it is left untouched.", StringComparison.Ordinal)));
        Assert.Empty(plan.Rejections);
    }

    [Theory]
    [InlineData("missing", null)]
    [InlineData("earlier", "2026-01-05T12:00:10Z")]
    public void WaitingForAnEarlierClassesChild_LooksAgainWithoutAnEvent(string nodePool, string? wakeAt)
    {
        var plan = ClassPlanner.Plan(Seen(nodeClass: SeenChild.Ours(NodeClass()), nodePool: Child(nodePool, NodePool())));

        Assert.Equal(wakeAt is null ? null : At(wakeAt), plan.WakeAt);
    }

    [Fact]
    public void InvalidSpec_StopsBeforeAnyApply_WithTheErrorsAndOneEvent_AndNoWakeUp()
    {
        var plan = ClassPlanner.Plan(Seen(Class(s => s.NodeRole = ""), SeenChild.Ours(NodeClass()), SeenChild.Ours(NodePool())));

        Assert.True(plan.Stop);
        Assert.NotEmpty(plan.Errors);
        Assert.False(plan.ApplyNodeClass || plan.ApplyNodePool);
        var e = Assert.Single(plan.Events);
        Assert.Equal((true, EventReasons.ValidationFailed), (e.Warning, e.Reason));
        Assert.Null(plan.WakeAt);
    }

    [Fact]
    public void ClassWithoutSpec_StopsWithValidationErrors_NeverThrows()
    {
        var workloadClass = Class();
        workloadClass.Spec = null!;

        var plan = ClassPlanner.Plan(Seen(workloadClass));
        var report = ClassReporter.Report(plan, Seen(workloadClass), new ActOutcome(null, null, [], null, false, false));

        Assert.True(plan.Stop);
        Assert.Equal(plan.Errors, report.Inputs.ValidationErrors);
    }

    [Fact]
    public void BudgetNotExpressibleInUtc_StopsBeforeAnyApply_AndLooksAgainAtTheNextChange()
    {
        var untranslatable = new DisruptionBudgetSpec { Nodes = "0", Schedule = "0 8 1 * *", Duration = "1h", TimeZone = "Asia/Tokyo" };
        var berlin = new DisruptionBudgetSpec { Nodes = "0", Schedule = "0 9 * * 1-5", Duration = "8h", TimeZone = "Europe/Berlin" };

        var plan = ClassPlanner.Plan(Seen(Class(s => s.Disruption = new DisruptionSpec { Budgets = [berlin, untranslatable] })));

        Assert.True(plan.Stop);
        Assert.Equal("spec.disruption.budgets[1]", Assert.Single(plan.Errors).Path);
        Assert.Equal(EventReasons.ValidationFailed, Assert.Single(plan.Events).Reason);
        Assert.False(plan.ApplyNodeClass || plan.ApplyNodePool);
        Assert.Equal(plan.Desired!.NextChange, plan.WakeAt);
        Assert.NotNull(plan.WakeAt);
    }

    [Fact]
    public void NodeRoleChanged_ANodeClassOfTheNewRoleIsApplied_NothingRejected()
    {
        // The observer names the NodeClass of the new role (NodeClassNaming): "web" runs with the old role.
        var newName = NodeClassNaming.ForRole("web", "AmazonEKSAutoNodeRole");
        var seen = Seen(nodeClass: SeenChild.Ours<V1NodeClass>(null), nodePool: SeenChild.Ours(NodePool())) with
        {
            NodeClassName = newName,
            OldNodeClasses = [new OldNodeClass("web", "uid-old", "7", false, 1)],
        };

        var plan = ClassPlanner.Plan(seen);

        Assert.True(plan.ApplyNodeClass);
        Assert.True(plan.ApplyNodePool);
        Assert.Equal(newName, plan.Desired!.Desired.NodeClass.Metadata.Name);
        Assert.Empty(plan.Rejections);
        Assert.Empty(plan.Events);
    }

    [Fact]
    public void NodeClassOfTheWantedNameRunsAnotherRole_ItIsKept_AndTheRejectionSaysWhy()
    {
        // Only a name collision gets here: the wanted name is derived from the role.
        var plan = ClassPlanner.Plan(Seen(nodeClass: SeenChild.Ours(NodeClass(role: "OldRole")), nodePool: SeenChild.Ours(NodePool())));

        Assert.False(plan.ApplyNodeClass);
        Assert.True(plan.ApplyNodePool);
        var rejection = Assert.Single(plan.Rejections);
        Assert.StartsWith("spec.nodeRole: NodeClass web runs with role \"OldRole\"", rejection, StringComparison.Ordinal);
        Assert.DoesNotContain("create a new WorkloadClass", rejection, StringComparison.Ordinal);
        Assert.Empty(plan.Events);
    }

    // case, tags on the class, gate, NodeClass exists, apply NodeClass, WaitingForTagPolicy event, wake at the gate's opening
    public static TheoryData<string, bool, bool, bool, bool, bool, bool> TagGateCases => new()
    {
        { "no tags: the gate is not consulted", false, false, false, true, false, false },
        { "tags, gate open: applied", true, true, false, true, false, false },
        { "tags, gate pending, no NodeClass yet: not created, the class says why", true, false, false, false, true, true },
        { "tags, gate pending, NodeClass runs: kept as it is, no event", true, false, true, false, false, true },
    };

    [Theory]
    [MemberData(nameof(TagGateCases))]
    public void TaggedNodeClass_WaitsForTheTagPolicyGate(string reason, bool tags, bool open, bool exists, bool apply, bool waitingEvent, bool wakeAtOpening)
    {
        var opensAt = Now.AddMinutes(2);
        var seen = Seen(Class(s => s.Tags = tags ? new Dictionary<string, string> { ["team"] = "web" } : null), exists ? SeenChild.Ours(NodeClass()) : null) with
        {
            TagPolicy = open ? TagsOpen : TagsPending,
            TagPolicyOpensAt = open ? null : opensAt,
        };

        var plan = ClassPlanner.Plan(seen);

        Assert.True(apply == plan.ApplyNodeClass, $"{reason}: apply {plan.ApplyNodeClass}");
        Assert.True(waitingEvent == plan.Events.Any(e => e.Reason == EventReasons.WaitingForTagPolicy && e.Message == "waiting for IAM" && !e.Warning), reason);
        Assert.True(wakeAtOpening == (plan.WakeAt == opensAt), $"{reason}: wake {plan.WakeAt}");
        Assert.True(tags == (plan.TagPolicy is not null), $"{reason}: gate reported {plan.TagPolicy}");
    }

    [Theory]
    [InlineData("2026-01-05T12:00:00Z", "2026-01-05T20:00:00Z")]
    [InlineData("2026-01-05T22:00:00Z", "2026-01-06T07:00:00Z")]
    public void OffHours_LooksAgainAtTheNextTransition(string now, string next)
    {
        var nightly = new OffHoursSpec { TimeZone = "UTC", Windows = [new OffHoursWindowSpec { Start = "0 20 * * *", End = "0 7 * * *" }] };

        var plan = ClassPlanner.Plan(Seen(Class(s => s.OffHours = nightly)) with { Now = At(now) });

        Assert.Equal(At(next), plan.WakeAt);
        Assert.True(plan.ApplyNodeClass && plan.ApplyNodePool);
    }

    private static SeenChild<T> Child<T>(string standing, T child)
        where T : class => standing switch
        {
            "missing" => SeenChild.Ours<T>(null),
            "ours" => SeenChild.Ours(child),
            "conflict" => Conflicting<T>(),
            "earlier" => EarlierClass<T>(),
            _ => throw new ArgumentOutOfRangeException(nameof(standing)),
        };
}
