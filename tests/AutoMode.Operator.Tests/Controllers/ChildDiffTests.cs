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

    private static V1NodePool Pool(params (string Key, string Value)[] limits) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web" },
        Spec = new V1NodePoolSpec { Limits = limits.ToDictionary(l => l.Key, l => l.Value) },
    };
}
