using AutoMode.Core.Planning;

namespace AutoMode.Core.Tests.Planning;

/// <summary>The NodeClass name a class wants for its node role: stable for an unchanged role, deterministic, a DNS label.</summary>
public sealed class NodeClassNamingTests
{
    private const string A = "RoleA";
    private const string B = "RoleB";

    private static NodeClassFact Ours(string name, string role) => new(name, true, role);

    [Fact]
    public void UnchangedRole_KeepsTheClassName_AsEveryClassBeforeRoleChangesDid()
    {
        Assert.Equal("web", NodeClassNaming.Desired("web", A, sameName: null, referenced: null));
        Assert.Equal("web", NodeClassNaming.Desired("web", A, Ours("web", A), Ours("web", A)));
    }

    [Fact]
    public void RoleAToBToA_MovesToTheDerivedNameAndBack_WithoutEverRenamingTheCurrentOne()
    {
        var nameB = NodeClassNaming.ForRole("web", B);

        // A -> B: "web" is ours with role A, so B gets its own name.
        Assert.Equal(nameB, NodeClassNaming.Desired("web", B, Ours("web", A), Ours("web", A)));

        // The pool points at the new one, "web" still drains: B stays.
        Assert.Equal(nameB, NodeClassNaming.Desired("web", B, Ours("web", A), Ours(nameB, B)));

        // "web" pruned: B stays (falling back to "web" would migrate every node again).
        Assert.Equal(nameB, NodeClassNaming.Desired("web", B, null, Ours(nameB, B)));

        // B -> A, after the prune: "web" is free again.
        Assert.Equal("web", NodeClassNaming.Desired("web", A, null, Ours(nameB, B)));

        // B -> A before the prune: back to "web", which still has role A.
        Assert.Equal("web", NodeClassNaming.Desired("web", A, Ours("web", A), Ours(nameB, B)));
    }

    [Fact]
    public void InstanceProfileClass_KeepsTheClassName_ForItsOwnRolelessNodeClass()
    {
        // An instanceProfile class renders no role: its own NodeClass (role null) is not "another role".
        var roleless = new NodeClassFact("web", true, null);
        Assert.Equal("web", NodeClassNaming.Desired("web", "", roleless, roleless));
        Assert.Equal("web", NodeClassNaming.Desired("web", "", null, null));
    }

    [Fact]
    public void DerivedName_IsDeterministicPerRole()
    {
        Assert.Equal(NodeClassNaming.ForRole("web", B), NodeClassNaming.ForRole("web", B));
        Assert.NotEqual(NodeClassNaming.ForRole("web", A), NodeClassNaming.ForRole("web", B));
        Assert.Matches("^web-[0-9a-f]{8}$", NodeClassNaming.ForRole("web", B));
    }

    [Theory]
    [InlineData(54)]
    [InlineData(55)]
    [InlineData(63)]
    public void LongClassNames_AreCut_SoTheDerivedNameIsADnsLabelOfAtMost63(int length)
    {
        // A cut may end on '-': "aaa-" + hash would hold "--" (fine) but never a trailing '-' before the hash.
        var className = new string('a', length - 10) + "-bbbbbbbbb"[..10];
        var name = NodeClassNaming.ForRole(className, B);

        Assert.True(name.Length <= 63, name);
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", name);
        Assert.DoesNotContain("--", name, StringComparison.Ordinal);
    }

    [Fact]
    public void CutOnADash_DropsTheDash()
    {
        var className = new string('a', 53) + "-" + new string('b', 9);

        Assert.Equal(new string('a', 53) + "-" + NodeClassNaming.ForRole("x", B)[^8..], NodeClassNaming.ForRole(className, B));
    }

    [Fact]
    public void NameTakenByAnObjectNotOurs_KeepsTheName_SoItIsAConflictAsBefore()
    {
        Assert.Equal("web", NodeClassNaming.Desired("web", B, new NodeClassFact("web", false, A), null));
    }

    [Fact]
    public void PoolOnANodeClassNotOurs_IsNotFollowed()
    {
        Assert.Equal("web", NodeClassNaming.Desired("web", B, null, new NodeClassFact("handmade", false, B)));
    }
}
