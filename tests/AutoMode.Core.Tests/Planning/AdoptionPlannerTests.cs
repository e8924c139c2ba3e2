using System.Text.Json;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Serialization;
using AutoMode.Core.Status;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using static AutoMode.Core.Tests.Planning.ClassPlannerTests;

namespace AutoMode.Core.Tests.Planning;

/// <summary>
/// In-place adoption, by table: which unowned objects a class annotated automode.io/adopt takes over, which it only
/// reports on until the user confirms, and which it never touches; then what the planner and the status make of it.
/// </summary>
public sealed class AdoptionPlannerTests
{
    private static V1Alpha1WorkloadClass Adopting(Action<V1Alpha1WorkloadClassSpec>? change = null, string? confirm = null, string adopt = "true")
    {
        var workloadClass = Class(change);
        workloadClass.Metadata.Annotations = new Dictionary<string, string> { [AdoptionAnnotations.Adopt] = adopt };
        if (confirm is not null)
        {
            workloadClass.Metadata.Annotations[AdoptionAnnotations.Confirm] = confirm;
        }

        return workloadClass;
    }

    /// <summary>What the class renders, as a hand-written copy: no ownerReference, no labels of ours.</summary>
    private static (V1NodeClass NodeClass, V1NodePool NodePool) HandWritten(V1Alpha1WorkloadClass workloadClass, Action<V1NodePool>? edit = null)
    {
        var desired = DesiredPlanner.Plan(workloadClass, Now, Now).Desired;
        var nodeClass = JsonSerializer.SerializeToNode(desired.NodeClass, ManifestJsonContext.Default.V1NodeClass).Deserialize(ManifestJsonContext.Default.V1NodeClass)!;
        var nodePool = JsonSerializer.SerializeToNode(desired.NodePool, ManifestJsonContext.Default.V1NodePool).Deserialize(ManifestJsonContext.Default.V1NodePool)!;
        foreach (var metadata in new[] { nodeClass.Metadata, nodePool.Metadata })
        {
            metadata.OwnerReferences = null;
            metadata.Labels = new Dictionary<string, string> { ["team"] = "data" };
        }

        edit?.Invoke(nodePool);
        return (nodeClass, nodePool);
    }

    private static SeenChild<T> Unowned<T>(T live)
        where T : class => new(null, ChildStanding.Conflict, "managed by kubectl (see Conflict)", "already exists and is managed by kubectl", Unowned: live);

    private static SeenChild<T> OtherController<T>()
        where T : class => new(null, ChildStanding.Conflict, "controlled by Foo x (see Conflict)", "NodePool web already exists and is controlled by Foo x");

    private static ClassObservation Observe(V1Alpha1WorkloadClass workloadClass, SeenChild<V1NodeClass> nodeClass, SeenChild<V1NodePool> nodePool) =>
        Seen(workloadClass, nodeClass, nodePool);

    [Fact]
    public void WithoutTheAnnotation_AnUnownedPairStaysAConflict()
    {
        var workloadClass = Class();
        var (nodeClass, nodePool) = HandWritten(workloadClass);
        var seen = Observe(workloadClass, Unowned(nodeClass), Unowned(nodePool));

        var resolved = AdoptionPlanner.Resolve(seen);

        Assert.Same(seen, resolved);
        var plan = ClassPlanner.Plan(resolved);
        Assert.False(plan.ApplyNodeClass || plan.ApplyNodePool);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("yes")]
    [InlineData("")]
    public void OnlyTheValueTrue_RequestsAdoption(string value)
    {
        var workloadClass = Adopting(adopt: value);
        var (nodeClass, nodePool) = HandWritten(workloadClass);

        var resolved = AdoptionPlanner.Resolve(Observe(workloadClass, Unowned(nodeClass), Unowned(nodePool)));

        Assert.Null(resolved.Adoption);
        Assert.Equal(ChildStanding.Conflict, resolved.NodePool.Standing);
    }

    [Fact]
    public void IdenticalPair_IsAdoptedAtOnce_AndBothAreApplied()
    {
        var workloadClass = Adopting();
        var (nodeClass, nodePool) = HandWritten(workloadClass);

        var resolved = AdoptionPlanner.Resolve(Observe(workloadClass, Unowned(nodeClass), Unowned(nodePool)));

        Assert.Equal(AdoptionPhase.Adopting, resolved.Adoption!.Phase);
        Assert.Empty(resolved.Adoption.Changes);
        Assert.Null(resolved.Adoption.Digest);
        Assert.Equal((ChildStanding.Adopting, ChildStanding.Adopting), (resolved.NodeClass.Standing, resolved.NodePool.Standing));
        Assert.Same(nodePool, resolved.NodePool.Object);
        Assert.Contains("no spec value changes", resolved.Adoption.Message, StringComparison.Ordinal);
        var plan = ClassPlanner.Plan(resolved);
        Assert.True(plan.ApplyNodeClass && plan.ApplyNodePool);
        Assert.Empty(plan.Events);
    }

    [Fact]
    public void DifferingPair_IsHeldWithTheDifferencesAndADigest_NothingIsApplied()
    {
        var workloadClass = Adopting(s => s.Weight = 20);
        var (nodeClass, nodePool) = HandWritten(Class(s => s.Weight = 10));

        var resolved = AdoptionPlanner.Resolve(Observe(workloadClass, Unowned(nodeClass), Unowned(nodePool)));

        var adoption = resolved.Adoption!;
        Assert.Equal(AdoptionPhase.PendingConfirmation, adoption.Phase);
        Assert.Equal("NodePool web spec.weight: 10 -> 20 (replaces no node)", Assert.Single(adoption.Changes).ToString());
        Assert.Contains($"{AdoptionAnnotations.Confirm}={adoption.Digest}", adoption.Message, StringComparison.Ordinal);
        Assert.Contains("None of these changes replaces a node.", adoption.Message, StringComparison.Ordinal);
        Assert.True(resolved.NodeClass.Blocked && resolved.NodePool.Blocked);
        var plan = ClassPlanner.Plan(resolved);
        Assert.False(plan.ApplyNodeClass || plan.ApplyNodePool);
        Assert.Empty(plan.Events);
        Assert.Equal(Now + AdoptionPlanner.PendingRecheck, plan.WakeAt);
    }

    [Fact]
    public void ChangedTemplate_IsConfirmedWithAWarningThatEveryNodeIsReplaced()
    {
        var workloadClass = Adopting(s => s.NodeLabels = new Dictionary<string, string> { ["team"] = "data" });
        var (nodeClass, nodePool) = HandWritten(Class());

        var adoption = AdoptionPlanner.Resolve(Observe(workloadClass, Unowned(nodeClass), Unowned(nodePool))).Adoption!;

        Assert.Equal(AdoptionPhase.PendingConfirmation, adoption.Phase);
        Assert.True(Assert.Single(adoption.Changes).ReplacesNodes);
        Assert.Contains("drifts every node of the pool", adoption.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DifferingPair_IsAdoptedWithTheRightDigest_AndHeldWithAnyOther()
    {
        var (nodeClass, nodePool) = HandWritten(Class(s => s.Weight = 10));
        var digest = AdoptionPlanner.Resolve(Observe(Adopting(s => s.Weight = 20), Unowned(nodeClass), Unowned(nodePool))).Adoption!.Digest!;

        var confirmed = AdoptionPlanner.Resolve(Observe(Adopting(s => s.Weight = 20, confirm: digest), Unowned(nodeClass), Unowned(nodePool)));
        var stale = AdoptionPlanner.Resolve(Observe(Adopting(s => s.Weight = 30, confirm: digest), Unowned(nodeClass), Unowned(nodePool)));

        Assert.Equal(AdoptionPhase.Adopting, confirmed.Adoption!.Phase);
        Assert.True(ClassPlanner.Plan(confirmed).ApplyNodePool);
        Assert.Equal(AdoptionPhase.PendingConfirmation, stale.Adoption!.Phase);
        Assert.NotEqual(digest, stale.Adoption.Digest);
    }

    [Fact]
    public void FieldsTheClassDoesNotRender_AreKeptAndNamed_WithoutAConfirmation()
    {
        var workloadClass = Adopting(s => s.Limits = new Dictionary<string, string> { ["cpu"] = "100" });
        var (nodeClass, nodePool) = HandWritten(workloadClass, p => p.Spec.Limits!["memory"] = "64Gi");

        var resolved = AdoptionPlanner.Resolve(Observe(workloadClass, Unowned(nodeClass), Unowned(nodePool)));

        Assert.Equal(AdoptionPhase.Adopting, resolved.Adoption!.Phase);
        Assert.Equal("spec.limits.memory", Assert.Single(resolved.Adoption.Differences, d => d.Kept).Path);
        Assert.Contains("Kept as they are", resolved.Adoption.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTheNodePoolExists_ItIsAdoptedAndTheNodeClassCreated()
    {
        var workloadClass = Adopting();
        var (_, nodePool) = HandWritten(workloadClass);

        var resolved = AdoptionPlanner.Resolve(Observe(workloadClass, SeenChild.Ours<V1NodeClass>(null), Unowned(nodePool)));

        Assert.Equal(AdoptionPhase.Adopting, resolved.Adoption!.Phase);
        Assert.Equal((ChildStanding.Missing, ChildStanding.Adopting), (resolved.NodeClass.Standing, resolved.NodePool.Standing));
    }

    [Fact]
    public void AnObjectOfAnotherController_IsNeverAdopted_AndHoldsBackTheUnownedOne()
    {
        var workloadClass = Adopting();
        var (nodeClass, _) = HandWritten(workloadClass);

        var resolved = AdoptionPlanner.Resolve(Observe(workloadClass, Unowned(nodeClass), OtherController<V1NodePool>()));

        Assert.Equal(AdoptionPhase.NotAdoptable, resolved.Adoption!.Phase);
        Assert.Contains("controlled by Foo x", resolved.Adoption.Message, StringComparison.Ordinal);
        Assert.Equal((ChildStanding.Conflict, ChildStanding.Conflict), (resolved.NodeClass.Standing, resolved.NodePool.Standing));
        var plan = ClassPlanner.Plan(resolved);
        Assert.False(plan.ApplyNodeClass || plan.ApplyNodePool);
    }

    [Theory]
    [InlineData("system")]
    [InlineData("general-purpose")]
    [InlineData("default")]
    public void BuiltInNames_AreNeverAdopted(string name)
    {
        var workloadClass = Adopting();
        var (nodeClass, nodePool) = HandWritten(workloadClass);
        workloadClass.Metadata.Name = name;
        var seen = Observe(workloadClass, Unowned(nodeClass), Unowned(nodePool));

        var resolved = AdoptionPlanner.Resolve(seen);

        Assert.Same(seen, resolved);
        Assert.True(ClassPlanner.Plan(resolved).Stop);
    }

    [Fact]
    public void ADifferentRole_CannotBeAdopted_SinceTheRoleIsImmutable()
    {
        var workloadClass = Adopting();
        var (nodeClass, nodePool) = HandWritten(workloadClass);
        nodeClass.Spec.Role = "OtherRole";

        var resolved = AdoptionPlanner.Resolve(Observe(Adopting(confirm: "anything"), Unowned(nodeClass), Unowned(nodePool)));

        Assert.Equal(AdoptionPhase.NotAdoptable, resolved.Adoption!.Phase);
        Assert.StartsWith("spec.nodeRole: NodeClass web runs with role \"OtherRole\"", resolved.Adoption.Message, StringComparison.Ordinal);
        Assert.False(ClassPlanner.Plan(resolved).ApplyNodeClass);
    }

    [Fact]
    public void InvalidClass_AdoptsNothing()
    {
        var workloadClass = Adopting(s => s.NodeRole = "");
        var (nodeClass, nodePool) = HandWritten(Adopting());
        var seen = Observe(workloadClass, Unowned(nodeClass), Unowned(nodePool));

        Assert.Same(seen, AdoptionPlanner.Resolve(seen));
    }

    [Fact]
    public void ChildrenAlreadyOurs_ReportAdopted()
    {
        var resolved = AdoptionPlanner.Resolve(Observe(Adopting(), SeenChild.Ours(NodeClass()), SeenChild.Ours(NodePool())));

        Assert.Equal(AdoptionPhase.Adopted, resolved.Adoption!.Phase);
        Assert.Equal(ConditionStatus.True, AdoptionReport.Condition(resolved.Adoption, [])!.Status);
    }

    // phase, rejections, condition status, reason
    [Theory]
    [InlineData(AdoptionPhase.Adopted, false, ConditionStatus.True, ConditionReasons.Adopted)]
    [InlineData(AdoptionPhase.Adopting, false, ConditionStatus.True, ConditionReasons.Adopted)]
    [InlineData(AdoptionPhase.Adopting, true, ConditionStatus.False, ConditionReasons.NotAdoptable)]
    [InlineData(AdoptionPhase.PendingConfirmation, false, ConditionStatus.False, ConditionReasons.AdoptionPendingConfirmation)]
    [InlineData(AdoptionPhase.NotAdoptable, false, ConditionStatus.False, ConditionReasons.NotAdoptable)]
    public void Condition_IsFalseOnlyWhenTheUserMustAct_AndThenStallsTheClass(AdoptionPhase phase, bool rejected, string status, string reason)
    {
        var condition = AdoptionReport.Condition(new AdoptionObservation(phase, [], null, "m"), rejected ? ["rejected"] : [])!;

        Assert.Equal((status, reason), (condition.Status, condition.Reason));
        var composed = StatusComposer.Compose(new StatusInputs
        {
            Generation = 1,
            Now = Now,
            NodeClassName = "web",
            NodePoolName = "web",
            NodeClass = new ChildObservation(true, ConditionStatus.True, null, null),
            NodePool = new ChildObservation(true, ConditionStatus.True, null, null),
            Adoption = condition,
        });
        var ready = composed.Conditions!.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal(status == ConditionStatus.True ? ConditionStatus.True : ConditionStatus.False, ready.Status);
        Assert.Equal(status, composed.Conditions!.Single(c => c.Type == ConditionTypes.Adopted).Status);
    }

    [Fact]
    public void PendingAdoption_IsAnnouncedOnce_AndAgainOnlyForOtherDifferences()
    {
        var workloadClass = Adopting(s => s.Weight = 20);
        var (nodeClass, nodePool) = HandWritten(Class(s => s.Weight = 10));
        var seen = AdoptionPlanner.Resolve(Observe(workloadClass, Unowned(nodeClass), Unowned(nodePool)));
        var plan = ClassPlanner.Plan(seen);

        var first = ClassReporter.Report(plan, seen, new ActOutcome(null, null, [], null, false, false));
        workloadClass.Status = first.Status;
        var again = ClassReporter.Report(plan, seen with { Class = workloadClass }, new ActOutcome(null, null, [], null, false, false));

        var announced = Assert.Single(first.EventsOnWrite);
        Assert.Equal((true, EventReasons.AdoptionPendingConfirmation), (announced.Warning, announced.Reason));
        Assert.Contains("spec.weight: 10 -> 20", announced.Message, StringComparison.Ordinal);
        Assert.Empty(again.EventsOnWrite);
        Assert.Equal(ConditionReasons.AdoptionPendingConfirmation, first.Status.Conditions!.Single(c => c.Type == ConditionTypes.Stalled).Reason);
        Assert.Contains("waits for the confirmation", first.Status.Conditions!.Single(c => c.Type == ConditionTypes.NodePoolReady).Message, StringComparison.Ordinal);
    }
}
