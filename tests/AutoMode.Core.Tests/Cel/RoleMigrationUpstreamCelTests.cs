using System.Text.Json.Nodes;
using AutoMode.Core.Desired;
using AutoMode.Core.Planning;
using AutoMode.Core.Serialization;
using AutoMode.Core.Status;
using AutoMode.Core.Tests.Desired;
using AutoMode.Core.Tests.Schemas;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Testing.Cel;
using AutoMode.Testing.Schemas;
using static AutoMode.Core.Tests.Planning.ClassPlannerTests;

namespace AutoMode.Core.Tests.Cel;

/// <summary>
/// A node role change repoints the NodePool (spec.template.spec.nodeClassRef.name) and creates a NodeClass under a new
/// name: both must pass the real Karpenter and Auto Mode CEL rules, the pool as an update of the one that runs (group
/// and kind are immutable by transition rules with oldSelf; the name is not).
/// </summary>
public sealed class RoleMigrationUpstreamCelTests
{
    private static readonly string[] NodePoolSchemas =
    [
        "automode.karpenter.sh_nodepool_v1.imroc-32f51d9.json",
        "karpenter.sh_nodepools.v1.14.1.yaml",
        "aws-provider.karpenter.sh_nodepools.v1.14.1.yaml",
    ];

    private static CrdCelValidator Load(string file) => CrdCelValidator.Load(Path.Combine(RepositoryPaths.UpstreamCrds!, file));

    [UpstreamFact]
    public void RepointedNodePool_PassesTheUpstreamTransitionRules_ForEverySample()
    {
        var failures = new List<string>();
        var checkedPools = 0;
        foreach (var file in NodePoolSchemas)
        {
            var validator = Load(file);
            foreach (var (name, workloadClass) in RoleClasses())
            {
                var (running, repointed, _) = Migrate(workloadClass);
                Assert.NotEqual((string?)running["spec"]!["template"]!["spec"]!["nodeClassRef"]!["name"], (string?)repointed["spec"]!["template"]!["spec"]!["nodeClassRef"]!["name"]);
                failures.AddRange(validator.Validate(repointed, old: running).Errors.Select(e => $"{file} {name}: {e}"));
                checkedPools++;
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedPools >= NodePoolSchemas.Length, $"only {checkedPools} pools checked");
    }

    [UpstreamFact]
    public void TheTransitionRulesBite_AKindChangeIsRefused()
    {
        var (running, repointed, _) = Migrate(AutoMode.Testing.Builders.WorkloadClasses.Minimal());
        repointed["spec"]!["template"]!["spec"]!["nodeClassRef"]!["kind"] = "EC2NodeClass";

        var errors = Load(NodePoolSchemas[1]).Validate(repointed, old: running).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains("spec.template.spec.nodeClassRef: Invalid value: \"object\": nodeClassRef.kind is immutable", errors);
    }

    [UpstreamFact]
    public void NodeClassOfTheNewRole_PassesTheAutoModeRules()
    {
        var validator = Load("automode.eks.amazonaws.com_nodeclass_v1.imroc-32f51d9.json");
        var failures = new List<string>();
        foreach (var (name, workloadClass) in RoleClasses())
        {
            var (_, _, nodeClass) = Migrate(workloadClass);
            failures.AddRange(validator.Validate(nodeClass).Errors.Select(e => $"{name}: {e}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The sample classes that run on a node role: a class on an instance profile has no role to change.</summary>
    private static IEnumerable<(string Name, AutoMode.Core.Api.V1Alpha1.V1Alpha1WorkloadClass Class)> RoleClasses() =>
        UpstreamSchemaTests.Classes().Where(c => c.Class.Spec.InstanceProfile is null);

    /// <summary>The pool that runs on the class's own NodeClass, and the planner's pool and NodeClass once the new role's NodeClass is Ready.</summary>
    private static (JsonObject Running, JsonObject Repointed, JsonObject NodeClass) Migrate(AutoMode.Core.Api.V1Alpha1.V1Alpha1WorkloadClass workloadClass)
    {
        workloadClass.Metadata.Uid ??= "uid-" + workloadClass.Metadata.Name;
        var running = DesiredStateRenderer.Render(workloadClass, RenderContext.Default).NodePool;
        var newRole = "MigratedNodeRole";
        workloadClass.Spec.NodeRole = newRole;
        var newName = NodeClassNaming.ForRole(workloadClass.Metadata.Name, newRole);
        var ready = new V1NodeClass
        {
            Metadata = new() { Name = newName },
            Spec = new V1NodeClassSpec { Role = newRole },
            Status = new V1NodeClassStatus { Conditions = [new StatusCondition { Type = "Ready", Status = ConditionStatus.True }] },
        };
        var seen = Seen(workloadClass, SeenChild.Ours(ready), SeenChild.Ours(running)) with
        {
            NodeClassName = newName,
            OldNodeClasses = [new OldNodeClass(workloadClass.Metadata.Name, "uid-old", "1", false, 1)],
            TagPolicy = TagsOpen,
        };
        var plan = ClassPlanner.Plan(seen);
        Assert.True(plan.Desired is not null, workloadClass.Metadata.Name + ": " + string.Join("; ", plan.Errors));
        var desired = plan.Desired!.Desired;
        return (Json(running), Json(desired.NodePool), Json(desired.NodeClass));
    }

    private static JsonObject Json(object value) => (JsonObject)ManifestYaml.ToJsonNode(value)!;
}
