using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Planning;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Testing.Builders;

namespace AutoMode.Operator.Tests.Controllers;

/// <summary>
/// Issue 15 item 4, end to end against the fake API server: a node role change moves the pool to a NodeClass of the new
/// role without tearing anything down, keeps the old NodeClass while a NodeClaim references it, then prunes it; a
/// restart mid-migration writes nothing; an object that is not ours under the new name is a Conflict and nothing moves.
/// </summary>
public sealed class NodeRoleChangeTests
{
    private const string Classes = WorkloadClassApi.Plural;
    private const string NodePools = "nodepools";
    private const string NodeClasses = "nodeclasses";
    private const string NewRole = "OtherNodeRole";

    private static readonly string NewName = NodeClassNaming.ForRole("web", NewRole);

    [Fact]
    public async Task RoleChange_NewNodeClass_PoolRepointed_OldKeptWhileAClaimUsesIt_ThenPruned()
    {
        await using var h = await OperatorHarness.StartAsync();
        await RunningWithAClaimAsync(h);

        h.Apply(WorkloadClasses.Valid("web", s => s.NodeRole = "arn:aws:iam::123456789012:role/teams/" + NewRole));

        await h.WaitForAsync(() => PoolPointsAt(h) == NewName);
        var created = h.Get(NodeClasses, NewName)!;
        Assert.Equal(NewRole, (string?)created["spec"]!["role"]);
        Assert.Equal((string?)h.Get(Classes, "web")!["metadata"]!["uid"], (string?)created["metadata"]!["ownerReferences"]![0]!["uid"]);
        Assert.Equal("web", (string?)created["metadata"]!["labels"]!["automode.io/workload-class"]);

        // Karpenter replaces the claim as Drifted in its own time: until then the old NodeClass stays.
        await h.WaitForAsync(() => (string?)Migration(h)?["phase"] == "ReplacingNodes" && (int?)Migration(h)?["nodeClaimsRemaining"] == 1);
        await h.SettleAsync("web");
        Assert.Equal("AmazonEKSAutoNodeRole", (string?)h.Get(NodeClasses, "web")!["spec"]!["role"]);
        Assert.DoesNotContain(h.Server.Requests, r => r.Verb == "delete" && r.Plural == NodeClasses);
        Assert.Equal("True", OperatorHarness.Condition(h.Get(Classes, "web"), "NodeRoleMigrating"));
        Assert.Equal(NewName, (string?)h.Get(Classes, "web")!["status"]!["nodeClassName"]);

        h.Server.Delete("nodeclaims", "web-old-1");

        await h.WaitForAsync(() => h.Get(NodeClasses, "web") is null && Migration(h) is null && OperatorHarness.Condition(h.Get(Classes, "web"), "NodeRoleMigrating") is null);
        Assert.Equal(200, Assert.Single(h.Server.Requests, r => r.Verb == "delete" && r.Plural == NodeClasses).StatusCode);
        Assert.Equal(NewName, PoolPointsAt(h));
        Assert.NotNull(h.Get(NodePools, "web"));
        await h.WaitForAsync(() => Events(h, EventReasons.MigrationStarted) == 1 && Events(h, EventReasons.Pruned) == 1 && Events(h, EventReasons.MigrationCompleted) == 1);
        await h.SettleAsync("web");
        Assert.Equal(NewName, PoolPointsAt(h));
    }

    [Fact]
    public async Task RestartMidMigration_ConvergesWithoutAnyWrite()
    {
        await using var h = await OperatorHarness.StartAsync();
        await RunningWithAClaimAsync(h);
        h.Apply(WorkloadClasses.Valid("web", s => s.NodeRole = NewRole));
        await h.WaitForAsync(() => PoolPointsAt(h) == NewName && (int?)Migration(h)?["nodeClaimsRemaining"] == 1);
        await h.SettleAsync("web");
        var statusBefore = h.Get(Classes, "web")!["status"]!.ToJsonString();

        await h.StopOperatorAsync();
        await h.StartOperatorAsync();
        await h.SettleAsync("web");

        Assert.Equal(0, h.Runtime.Writer.Writes);
        Assert.Equal(statusBefore, h.Get(Classes, "web")!["status"]!.ToJsonString());
        Assert.NotNull(h.Get(NodeClasses, "web"));
        Assert.Equal(NewName, PoolPointsAt(h));
    }

    [Fact]
    public async Task NewNameTakenByAnObjectNotOurs_Conflict_NothingMovesNothingDeleted()
    {
        await using var h = await OperatorHarness.StartAsync();
        await RunningWithAClaimAsync(h);
        h.Server.Put(new JsonObject
        {
            ["apiVersion"] = "eks.amazonaws.com/v1",
            ["kind"] = "NodeClass",
            ["metadata"] = new JsonObject { ["name"] = NewName },
            ["spec"] = new JsonObject { ["role"] = NewRole },
        });
        var handmade = h.Get(NodeClasses, NewName)!;
        h.Server.Delete("nodeclaims", "web-old-1");

        h.Apply(WorkloadClasses.Valid("web", s => s.NodeRole = NewRole));

        await h.WaitForConditionAsync("web", "Conflict", "True");
        await h.SettleAsync("web");
        Assert.Equal("web", PoolPointsAt(h));
        Assert.NotNull(h.Get(NodeClasses, "web"));
        Assert.Equal((string?)handmade["metadata"]!["resourceVersion"], (string?)h.Get(NodeClasses, NewName)!["metadata"]!["resourceVersion"]);
        Assert.DoesNotContain(h.Server.Requests, r => r.Verb == "delete" && r.Plural == NodeClasses);
    }

    /// <summary>The class "web" Ready on the default role, with one NodeClaim launched from its NodeClass.</summary>
    private static async Task RunningWithAClaimAsync(OperatorHarness h)
    {
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        h.Server.Put(new JsonObject
        {
            ["apiVersion"] = "karpenter.sh/v1",
            ["kind"] = "NodeClaim",
            ["metadata"] = new JsonObject { ["name"] = "web-old-1", ["labels"] = new JsonObject { [V1NodeClaim.NodePoolLabel] = "web" } },
            ["spec"] = new JsonObject
            {
                ["nodeClassRef"] = new JsonObject { ["group"] = "eks.amazonaws.com", ["kind"] = "NodeClass", ["name"] = "web" },
                ["requirements"] = new JsonArray(),
            },
        });
        await h.SettleAsync("web");
    }

    private static string? PoolPointsAt(OperatorHarness h) => (string?)h.Get(NodePools, "web")?["spec"]?["template"]?["spec"]?["nodeClassRef"]?["name"];

    private static JsonNode? Migration(OperatorHarness h) => h.Get(Classes, "web")?["status"]?["nodeRoleMigration"];

    private static int Events(OperatorHarness h, string reason) =>
        h.Server.List("events").Count(e => (string?)e["involvedObject"]?["name"] == "web" && (string?)e["reason"] == reason);
}
