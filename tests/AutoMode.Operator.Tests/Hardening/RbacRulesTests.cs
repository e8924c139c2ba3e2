using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Serialization;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Operator.Tests.Config;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Builders;
using AutoMode.Testing.Kube;

namespace AutoMode.Operator.Tests.Hardening;

/// <summary>
/// Least privilege, proven (issue: the operator, acceptance; issue: hardening): a scenario that uses every feature runs
/// against the fake API server, and the permissions its requests need equal the rules in config/rbac exactly.
/// </summary>
public sealed class RbacRulesTests
{
    /// <summary>
    /// Granted although no request shows it: setting blockOwnerDeletion on an ownerReference needs update on the
    /// owner's finalizers subresource (OwnerReferencesPermissionEnforcement admission), checked by the API server
    /// when the child is written, not requested by the operator.
    /// </summary>
    private static readonly RbacRule[] NotVisibleInRequests = [new("automode.io", "workloadclasses/finalizers", "update")];

    [Fact]
    public async Task EveryFeatureAgainstTheFakeServer_NeedsExactlyTheConfiguredRules()
    {
        // The server stamps creationTimestamp on the operator's clock: off-hours windows are computed from the class's
        // creation, so a wall-clock stamp after the fake 10:00 would put the drain window in the future.
        await using var h = await OperatorHarness.StartAsync(o => o with { LeaderElect = true, LeaderElectionNamespace = "automode-system" }, serverOnFakeClock: true);
        await h.WaitForLeadershipAsync();

        // Create and edit.
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        h.Apply(WorkloadClasses.Valid("web", s => s.Weight = 30));
        await h.WaitForAsync(() => h.Get("nodepools", "web")?["spec"]?["weight"]?.GetValue<int>() == 30);

        // A node role change: a NodeClass of the new role, the pool repointed, the old NodeClass pruned (no NodeClaims).
        h.Apply(WorkloadClasses.Valid("web", s => { s.Weight = 30; s.NodeRole = "OtherNodeRole"; }));
        await h.WaitForAsync(() => h.Get("nodeclasses", "web") is null);

        // Conflict with an object we do not own.
        h.Server.Put(new JsonObject { ["apiVersion"] = "karpenter.sh/v1", ["kind"] = "NodePool", ["metadata"] = new JsonObject { ["name"] = "taken" } });
        h.Apply(WorkloadClasses.Valid("taken"));
        await h.WaitForConditionAsync("taken", "Conflict", "True");

        // Off-hours drain (the harness clock stands at 10:00 UTC, inside 09:00-11:00), one deletion refused once.
        var refuseOnce = new FaultPlan(seed: 1) { WriteConflict = 1 };
        refuseOnce.Verbs.Add("delete");
        refuseOnce.Resources.Add("nodeclaims");
        h.Server.Faults = refuseOnce;
        foreach (var claim in new[] { "night-1", "night-2" })
        {
            h.Server.Put(new JsonObject
            {
                ["apiVersion"] = "karpenter.sh/v1",
                ["kind"] = "NodeClaim",
                ["metadata"] = new JsonObject { ["name"] = claim, ["labels"] = new JsonObject { [V1NodeClaim.NodePoolLabel] = "night" } },
            });
        }

        h.Apply(WorkloadClasses.Valid("night", s => s.OffHours = new OffHoursSpec
        {
            Windows = [new OffHoursWindowSpec { Start = "0 9 * * *", End = "0 11 * * *" }],
            Drain = new DrainSpec { Enabled = true, MaxUnavailable = "2", ProtectedNamespaces = ["payments"] },
        }));
        await h.WaitForAsync(() => h.Server.Requests.Any(r => r.Plural == "nodeclaims" && r.Verb == "delete" && r.StatusCode == 409));
        h.Server.Faults = null;
        // The refused deletion is retried after backoff on the operator's clock (a minute at most, still inside the window).
        await h.WaitTickingAsync(() => h.Server.List("nodeclaims").Count == 0);

        // Deletion without the garbage collector: the operator deletes no child of a deleted class itself (its role has
        // no delete on NodePools; its NodeClass delete is for an old role's NodeClass only), so they stay until a
        // collector runs.
        h.Server.GarbageCollection = false;
        h.Server.Delete(WorkloadClassApi.Plural, "web");
        await h.SettleAsync("web");
        Assert.NotNull(h.Get("nodepools", "web"));

        // The lease is renewed (an update) within a retry period or two.
        await h.WaitForAsync(() => h.Server.Requests.Any(r => r.Plural == "leases" && r.Verb == "update"));

        var needed = h.Server.Requests.SelectMany(Needs).ToHashSet();
        var granted = Granted().ToHashSet();

        Assert.Empty(needed.Except(granted).Select(r => r.ToString()).Order(StringComparer.Ordinal));
        Assert.Empty(granted.Except(needed).Except(NotVisibleInRequests).Select(r => r.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LeaderElectionRole_IsNamespacedToTheOperatorNamespace()
    {
        var role = Documents("leader_election_role.yaml").Single();

        Assert.Equal("Role", (string?)role["kind"]);
        Assert.Equal("automode-system", (string?)role["metadata"]!["namespace"]);
    }

    /// <summary>The RBAC permissions one request needs (HTTP method to verb, as the API server authorizes it).</summary>
    private static IEnumerable<RbacRule> Needs(RecordedRequest request)
    {
        if (request.Verb == "discovery" || request.Plural is null)
        {
            // /api, /apis, /version: non-resource URLs every authenticated user may read (system:discovery).
            yield break;
        }

        var resource = request.Subresource is null ? request.Plural : request.Plural + "/" + request.Subresource;
        var group = request.Group ?? "";
        yield return new RbacRule(group, resource, request.Verb);
        if (request.Verb == "patch" && request.StatusCode == 201)
        {
            // A server-side apply that creates the object is authorized as create too.
            yield return new RbacRule(group, resource, "create");
        }
    }

    private static IEnumerable<RbacRule> Granted() =>
        from document in Directory.GetFiles(RepoPaths.Get("config", "rbac"), "*.yaml").SelectMany(f => Documents(Path.GetFileName(f)))
        where (string?)document["kind"] is "ClusterRole" or "Role"
        from rule in document["rules"]!.AsArray()
        from g in rule!["apiGroups"]!.AsArray()
        from r in rule["resources"]!.AsArray()
        from v in rule["verbs"]!.AsArray()
        select new RbacRule((string?)g ?? "", (string?)r ?? "", (string?)v ?? "");

    private static IEnumerable<JsonObject> Documents(string file) =>
        YamlJsonReader.ParseAll(File.ReadAllText(RepoPaths.Get("config", "rbac", file))).OfType<JsonObject>();
}
