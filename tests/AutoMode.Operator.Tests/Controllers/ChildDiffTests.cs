using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Operator.Controllers.WorkloadClasses;
using k8s.Models;

namespace AutoMode.Operator.Tests.Controllers;

/// <summary>When a generated object needs another apply: drift of our fields, not fields another manager added.</summary>
public sealed class ChildDiffTests
{
    private static readonly Func<V1NodePool, object?> Spec = p => p.Spec;

    [Fact]
    public void ExtraMapKeyOfAnotherManager_IsNotDrift_OnceThisProcessHasApplied()
    {
        var desired = Pool(("cpu", "100"));
        var observed = Pool(("cpu", "100"), ("memory", "64Gi"));

        Assert.False(ChildDiff.NeedsApply(desired, observed, Spec, ChildDiff.Spec(desired, Spec)));
        // Before this process applied it (just restarted) the extra key cannot be told from one we stopped applying: one apply.
        Assert.True(ChildDiff.NeedsApply(desired, observed, Spec));
    }

    [Fact]
    public void KeyWeStoppedApplying_IsDrift()
    {
        var lastApplied = Pool(("cpu", "100"), ("memory", "64Gi"));

        Assert.True(ChildDiff.NeedsApply(Pool(("cpu", "100")), lastApplied, Spec, ChildDiff.Spec(lastApplied, Spec)));
    }

    [Fact]
    public void OurFieldChangedOrMissing_IsDrift()
    {
        var desired = Pool(("cpu", "100"));
        var applied = ChildDiff.Spec(desired, Spec);

        Assert.True(ChildDiff.NeedsApply(desired, Pool(("cpu", "9999")), Spec, applied));
        Assert.True(ChildDiff.NeedsApply(desired, Pool(("memory", "64Gi")), Spec, applied));
        Assert.False(ChildDiff.NeedsApply(desired, Pool(("cpu", "100")), Spec, applied));
    }

    // case, desired requirements, observed requirements, last applied requirements (null: not applied by this process), apply
    public static TheoryData<string, string, string, string?, bool> RequirementCases => new()
    {
        { "same order", "a:In:x,y|b:Exists", "a:In:x,y|b:Exists", null, false },
        { "entries in another order", "a:In:x,y|b:Exists", "b:Exists|a:In:x,y", null, false },
        { "values in another order", "a:In:x,y|b:Exists", "a:In:y,x|b:Exists", null, false },
        { "reordered by someone after our apply", "a:In:x,y|b:Exists", "b:Exists|a:In:y,x", "a:In:x,y|b:Exists", false },
        { "applied in the running order, rendered in ours", "a:In:x,y|b:Exists", "b:Exists|a:In:x,y", "b:Exists|a:In:x,y", false },
        { "a value changed", "a:In:x,y|b:Exists", "a:In:x|b:Exists", null, true },
        { "a value changed after our apply", "a:In:x,y|b:Exists", "b:Exists|a:In:x", "a:In:x,y|b:Exists", true },
        { "an entry we stopped applying", "a:In:x,y", "a:In:x,y|b:Exists", "a:In:x,y|b:Exists", true },
        { "an entry missing", "a:In:x,y|b:Exists", "a:In:x,y", null, true },
        { "another operator", "a:In:x", "a:NotIn:x", null, true },
    };

    [Theory]
    [MemberData(nameof(RequirementCases))]
    public void Requirements_AreComparedAsASet(string reason, string desired, string observed, string? lastApplied, bool apply)
    {
        var applied = lastApplied is null ? null : ChildDiff.Spec(WithRequirements(lastApplied), Spec);

        Assert.True(apply == ChildDiff.NeedsApply(WithRequirements(desired), WithRequirements(observed), Spec, applied), reason);
    }

    /// <summary>"key:Operator:v1,v2|key:Operator" as NodePool requirements.</summary>
    private static V1NodePool WithRequirements(string requirements)
    {
        var pool = Pool(("cpu", "100"));
        pool.Spec.Template.Spec.Requirements = [.. requirements.Split('|').Select(r => r.Split(':')).Select(p => new AutoMode.Core.ThirdParty.Karpenter.V1.V1NodeSelectorRequirement
        {
            Key = p[0],
            Operator = p[1],
            Values = p.Length > 2 ? [.. p[2].Split(',')] : null,
        })];
        return pool;
    }

    private static V1NodePool Pool(params (string Key, string Value)[] limits) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web" },
        Spec = new V1NodePoolSpec { Limits = limits.ToDictionary(l => l.Key, l => l.Value) },
    };
}
