using System.Text.Json.Nodes;
using AutoMode.Core.Desired;
using AutoMode.Core.Serialization;
using AutoMode.Core.Tests.Desired;
using AutoMode.Core.Tests.Schemas;
using AutoMode.Testing.Builders;
using AutoMode.Testing.Cel;
using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Cel;

/// <summary>
/// The CEL rules of the real Karpenter and EKS Auto Mode schemas in ../shared/crds/upstream, evaluated on what the
/// operator renders: every NodePool and NodeClass must pass them on create and on update (transition rules).
/// </summary>
public sealed class UpstreamCelTests
{
    private static readonly string[] NodePoolSchemas =
    [
        "automode.karpenter.sh_nodepool_v1.imroc-32f51d9.json",
        "karpenter.sh_nodepools.v1.14.1.yaml",
        "aws-provider.karpenter.sh_nodepools.v1.14.1.yaml",
    ];

    private const string AutoModeNodeClass = "automode.eks.amazonaws.com_nodeclass_v1.imroc-32f51d9.json";

    private static CrdCelValidator Load(string file) => CrdCelValidator.Load(Path.Combine(RepositoryPaths.UpstreamCrds!, file));

    [UpstreamFact]
    public void EveryUpstreamRule_IsEvaluated()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.UpstreamCrds!).Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 8, string.Join(", ", files));

        var rules = files.Select(f => (File: Path.GetFileName(f), Validator: CrdCelValidator.Load(f))).ToList();

        Assert.True(rules.Sum(r => r.Validator.Rules.Count) >= 100, $"only {rules.Sum(r => r.Validator.Rules.Count)} rules found");
        var unsupported = rules.SelectMany(r => r.Validator.Unsupported.Select(u => $"{r.File} {u}: {u.Unsupported}")).ToList();
        Assert.True(unsupported.Count == 0, string.Join("\n", unsupported));
    }

    [UpstreamFact]
    public void RenderedNodePools_PassTheUpstreamRules_OnCreateAndUpdate()
    {
        var failures = new List<string>();
        foreach (var file in NodePoolSchemas)
        {
            var validator = Load(file);
            foreach (var (name, workloadClass) in UpstreamSchemaTests.Classes())
            {
                var up = Pool(workloadClass, holdDown: false);
                var down = Pool(workloadClass, holdDown: true);
                failures.AddRange(validator.Validate(up).Errors.Select(e => $"{file} {name} create: {e}"));
                failures.AddRange(validator.Validate(down, old: up).Errors.Select(e => $"{file} {name} update: {e}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [UpstreamFact]
    public void AutoModeNodePoolRules_RefuseWhatAutoModeRefuses()
    {
        var validator = Load(NodePoolSchemas[0]);
        var pool = Pool(WorkloadClasses.Minimal(), holdDown: false);
        var old = (JsonObject)pool.DeepClone();
        pool["spec"]!["template"]!["spec"]!["expireAfter"] = "Never";
        pool["spec"]!["template"]!["spec"]!["nodeClassRef"]!["kind"] = "EC2NodeClass";
        pool["spec"]!["template"]!["metadata"]!["labels"]!["eks.amazonaws.com/instance-foo"] = "x";

        var errors = validator.Validate(pool, old).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains("spec.template.metadata.labels: Invalid value: \"object\": label domain \"eks.amazonaws.com\" is restricted", errors);
        Assert.Contains("spec.template.spec.nodeClassRef: Invalid value: \"object\": nodeClassRef.kind is immutable", errors);
        // The kind is no longer NodeClass, so the Auto Mode lifetime rules no longer apply: exactly these two.
        Assert.Equal(2, errors.Count);
    }

    [UpstreamFact]
    public void RenderedNodeClasses_PassTheAutoModeRules_AndTheRoleIsImmutable()
    {
        var validator = Load(AutoModeNodeClass);
        var failures = new List<string>();
        foreach (var (name, workloadClass) in UpstreamSchemaTests.Classes())
        {
            var nodeClass = (JsonObject)ManifestYaml.ToJsonNode(DesiredStateRenderer.Render(workloadClass, RenderContext.Default).NodeClass)!;
            failures.AddRange(validator.Validate(nodeClass).Errors.Select(e => $"{name}: {e}"));
            failures.AddRange(validator.Validate(nodeClass, old: nodeClass).Errors.Select(e => $"{name} update: {e}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var stored = (JsonObject)ManifestYaml.ToJsonNode(DesiredStateRenderer.Render(WorkloadClasses.Minimal(), RenderContext.Default).NodeClass)!;
        var changed = (JsonObject)stored.DeepClone();
        changed["spec"]!["role"] = "SomeOtherRole";
        Assert.Equal("spec.role", Assert.Single(validator.Validate(changed, old: stored).Errors).Field);
    }

    private static JsonObject Pool(AutoMode.Core.Api.V1Alpha1.V1Alpha1WorkloadClass workloadClass, bool holdDown) =>
        (JsonObject)ManifestYaml.ToJsonNode(DesiredStateRenderer.Render(workloadClass, new RenderContext { HoldCapacityDown = holdDown }).NodePool)!;
}
