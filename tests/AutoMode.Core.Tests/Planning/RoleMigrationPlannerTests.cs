using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.Status;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using static AutoMode.Core.Tests.Planning.ClassPlannerTests;

namespace AutoMode.Core.Tests.Planning;

/// <summary>
/// A node role change, step by step, as the planner decides it from what exists: the NodeClass of the new role first,
/// the pool repointed only once that NodeClass is Ready and the gates of the new role are open, the old NodeClass
/// pruned only when the pool points elsewhere and no NodeClaim references it.
/// </summary>
public sealed class RoleMigrationPlannerTests
{
    private const string NewRole = "NewNodeRole";

    private static readonly string NewName = NodeClassNaming.ForRole("web", NewRole);

    private static readonly GateObservation EntryPending = new(ConditionStatus.Unknown, ConditionReasons.Progressing, "checking");

    private static V1NodeClass Named(string name, string role, bool ready) => new()
    {
        Metadata = new() { Name = name },
        Spec = new V1NodeClassSpec { Role = role },
        Status = ready ? new V1NodeClassStatus { Conditions = [new StatusCondition { Type = "Ready", Status = "True" }] } : null,
    };

    private static V1NodePool PointingAt(string nodeClass) => new()
    {
        Metadata = new() { Name = "web" },
        Spec = new V1NodePoolSpec { Template = new V1NodeClaimTemplate { Spec = new V1NodeClaimTemplateSpec { NodeClassRef = new V1NodeClassReference { Name = nodeClass } } } },
    };

    private static ClassObservation Migrating(V1NodeClass? newNodeClass, string poolPointsAt, int claimsOnOld = 2, bool oldDeleting = false, GateObservation? accessEntry = null) =>
        Seen(Class(s => s.NodeRole = NewRole), SeenChild.Ours(newNodeClass), SeenChild.Ours(PointingAt(poolPointsAt))) with
        {
            NodeClassName = NewName,
            OldNodeClasses = [new OldNodeClass("web", "uid-old", "41", oldDeleting, claimsOnOld)],
            AccessEntry = accessEntry,
        };

    private static string PoolRef(ClassPlan plan) => plan.Desired!.Desired.NodePool.Spec.Template.Spec.NodeClassRef.Name;

    [Fact]
    public void NewNodeClassMissing_ItIsCreated_ThePoolStaysOnTheOldOne()
    {
        var plan = ClassPlanner.Plan(Migrating(newNodeClass: null, poolPointsAt: "web"));

        Assert.True(plan.ApplyNodeClass);
        Assert.Equal(NewName, plan.Desired!.Desired.NodeClass.Metadata.Name);
        Assert.Equal(NewRole, plan.Desired.Desired.NodeClass.Spec.Role);
        Assert.Equal("web", PoolRef(plan));
        Assert.Empty(plan.Migration!.Prune);
        Assert.Empty(plan.Rejections);
        Assert.Equal(ConditionReasons.WaitingForNodeClass, plan.Migration.Status!.Phase);
        Assert.Equal(("web", NewName), (plan.Migration.Status.From, plan.Migration.Status.To));
    }

    [Fact]
    public void NewNodeClassNotReadyYet_ThePoolStaysOnTheOldOne()
    {
        var plan = ClassPlanner.Plan(Migrating(Named(NewName, NewRole, ready: false), poolPointsAt: "web"));

        Assert.Equal("web", PoolRef(plan));
        Assert.Contains("Ready", RoleMigrationPlanner.WaitingFor(Migrating(Named(NewName, NewRole, ready: false), "web"), NewName, TagsOpen), StringComparison.Ordinal);
    }

    [Fact]
    public void AccessEntryOfTheNewRoleNotConfirmed_ThePoolStaysOnTheOldOne()
    {
        var plan = ClassPlanner.Plan(Migrating(Named(NewName, NewRole, ready: true), poolPointsAt: "web", accessEntry: EntryPending));

        Assert.Equal("web", PoolRef(plan));
    }

    [Fact]
    public void TagGateClosed_ThePoolStaysOnTheOldOne()
    {
        var seen = Migrating(Named(NewName, NewRole, ready: true), poolPointsAt: "web") with
        {
            Class = Class(s => { s.NodeRole = NewRole; s.Tags = new Dictionary<string, string> { ["team"] = "a" }; }),
            TagPolicy = TagsPending,
        };

        Assert.Equal("web", PoolRef(ClassPlanner.Plan(seen)));
    }

    [Fact]
    public void NewNodeClassReadyAndGatesOpen_ThePoolIsRepointed_NothingPrunedYet()
    {
        var plan = ClassPlanner.Plan(Migrating(Named(NewName, NewRole, ready: true), poolPointsAt: "web",
            accessEntry: new GateObservation(ConditionStatus.True, ConditionReasons.AccessEntryPresent, "ok")));

        Assert.True(plan.ApplyNodePool);
        Assert.Equal(NewName, PoolRef(plan));

        // Decided on the pool as observed: the claims counted may still grow until the repoint is stored.
        Assert.Empty(plan.Migration!.Prune);
    }

    [Fact]
    public void PoolRepointed_ClaimsLeftOnTheOldNodeClass_ItIsKept()
    {
        var plan = ClassPlanner.Plan(Migrating(Named(NewName, NewRole, ready: true), poolPointsAt: NewName, claimsOnOld: 1));

        Assert.Empty(plan.Migration!.Prune);
        Assert.Equal(ConditionReasons.ReplacingNodes, plan.Migration.Status!.Phase);
        Assert.Equal(1, plan.Migration.Status.NodeClaimsRemaining);
    }

    [Fact]
    public void PoolRepointed_NoClaimLeft_TheOldNodeClassIsPruned_OnceOnly()
    {
        var plan = ClassPlanner.Plan(Migrating(Named(NewName, NewRole, ready: true), poolPointsAt: NewName, claimsOnOld: 0));
        var again = ClassPlanner.Plan(Migrating(Named(NewName, NewRole, ready: true), poolPointsAt: NewName, claimsOnOld: 0, oldDeleting: true));

        Assert.Equal("web", Assert.Single(plan.Migration!.Prune).Name);
        Assert.Equal(ConditionReasons.Pruning, plan.Migration.Status!.Phase);
        Assert.Empty(again.Migration!.Prune);
    }

    [Fact]
    public void NoOldNodeClass_NoMigration()
    {
        var plan = ClassPlanner.Plan(Seen(nodeClass: SeenChild.Ours(NodeClass()), nodePool: SeenChild.Ours(PointingAt("web"))));

        Assert.Null(plan.Migration!.Status);
        Assert.Equal("web", PoolRef(plan));
    }

    [Fact]
    public void Events_StartedAndCompleted_OnlyOnTheTransition()
    {
        var running = new NodeRoleMigrationStatus { From = "web", To = NewName, Phase = ConditionReasons.ReplacingNodes, NodeClaimsRemaining = 1 };

        Assert.Equal(EventReasons.MigrationStarted, Assert.Single(RoleMigrationEvents.OnWrite(null, running)).Reason);
        Assert.Equal(EventReasons.MigrationCompleted, Assert.Single(RoleMigrationEvents.OnWrite(running, null)).Reason);
        Assert.Empty(RoleMigrationEvents.OnWrite(running, running));
        Assert.Empty(RoleMigrationEvents.OnWrite(null, null));
    }

    [Fact]
    public void Report_ShowsTheMigration_AndNamesTheNewNodeClass()
    {
        var seen = Migrating(Named(NewName, NewRole, ready: true), poolPointsAt: NewName, claimsOnOld: 3);
        var plan = ClassPlanner.Plan(seen);

        var report = ClassReporter.Report(plan, seen, new ActOutcome(Named(NewName, NewRole, ready: true), PointingAt(NewName), [], null, false, false));

        Assert.Equal(NewName, report.Status.NodeClassName);
        Assert.Equal(3, report.Status.NodeRoleMigration!.NodeClaimsRemaining);
        var condition = Assert.Single(report.Status.Conditions!, c => c.Type == ConditionTypes.NodeRoleMigrating);
        Assert.Equal((ConditionStatus.True, ConditionReasons.ReplacingNodes), (condition.Status, condition.Reason));
        Assert.Equal(EventReasons.MigrationStarted, Assert.Single(report.EventsOnWrite).Reason);
    }
}
