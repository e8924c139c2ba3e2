using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Builders;

namespace AutoMode.Operator.Tests.OffHours;

/// <summary>
/// Off-hours scenarios on the harness: a nightly window in UTC (20:00-07:00, the harness clock starts Monday 10:00Z),
/// and Karpenter's part played by hand: NodeClaims carry the termination finalizer, so a DELETE only marks them
/// terminating until the test releases them.
/// </summary>
internal static class OffHoursWorld
{
    public const string Classes = WorkloadClassApi.Plural;
    public const string NodePools = "nodepools";
    public const string NodeClaims = "nodeclaims";
    public const string TerminationFinalizer = "karpenter.sh/termination";

    /// <summary>Monday 20:00Z: the window opens, 10h after the harness start.</summary>
    public static readonly DateTimeOffset Opens = new(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);

    /// <summary>Tuesday 07:00Z: the window closes.</summary>
    public static readonly DateTimeOffset Closes = new(2026, 11, 24, 7, 0, 0, TimeSpan.Zero);

    public static V1Alpha1WorkloadClass Nightly(string name, Action<OffHoursSpec>? offHours = null, Action<V1Alpha1WorkloadClassSpec>? spec = null)
    {
        var workloadClass = WorkloadClasses.Valid(name, s =>
        {
            s.Limits = new Dictionary<string, string> { ["cpu"] = "64", ["memory"] = "256Gi" };
            s.OffHours = new OffHoursSpec
            {
                TimeZone = "UTC",
                Windows = [new OffHoursWindowSpec { Start = "0 20 * * *", End = "0 7 * * *" }],
                Drain = new DrainSpec { Enabled = true, MaxUnavailable = "1", BlockedAfter = "30m" },
            };
            offHours?.Invoke(s.OffHours);
            spec?.Invoke(s);
        });
        return workloadClass;
    }

    /// <summary>Starts the operator with the API server on the harness's fake clock (deletionTimestamps agree with the schedule).</summary>
    public static Task<OperatorHarness> StartAsync(Func<AutoMode.Operator.Hosting.RunOptions, AutoMode.Operator.Hosting.RunOptions>? options = null) =>
        OperatorHarness.StartAsync(options, serverOnFakeClock: true);

    /// <summary>Applies the class and waits until it is Ready and the operator has nothing left to do.</summary>
    public static async Task ApplyAndSettleAsync(this OperatorHarness h, V1Alpha1WorkloadClass workloadClass)
    {
        h.Apply(workloadClass);
        await h.WaitForConditionAsync(workloadClass.Metadata.Name, "Ready", "True");
        await h.SettleAsync(workloadClass.Metadata.Name);
    }

    /// <summary>A pod in <paramref name="ns"/> scheduled on <paramref name="nodeName"/>, in <paramref name="phase"/>.</summary>
    public static void PutPod(this OperatorHarness h, string ns, string name, string nodeName, string phase = "Running") =>
        h.Server.Put(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject { ["nodeName"] = nodeName, ["containers"] = new JsonArray() },
            ["status"] = new JsonObject { ["phase"] = phase },
        });

    /// <summary>A NodeClaim of <paramref name="pool"/>, as Karpenter creates it (with its termination finalizer).</summary>
    public static void PutClaim(this OperatorHarness h, string name, string pool, string? nodeName = null)
    {
        var claim = new JsonObject
        {
            ["apiVersion"] = "karpenter.sh/v1",
            ["kind"] = "NodeClaim",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject { ["karpenter.sh/nodepool"] = pool },
                ["finalizers"] = new JsonArray(TerminationFinalizer),
            },
            ["spec"] = new JsonObject
            {
                ["nodeClassRef"] = new JsonObject { ["group"] = "eks.amazonaws.com", ["kind"] = "NodeClass", ["name"] = pool },
            },
        };
        if (nodeName is not null)
        {
            claim["status"] = new JsonObject { ["nodeName"] = nodeName };
        }

        h.Server.Put(claim);
    }

    /// <summary>Karpenter finished draining: the finalizer goes, and the server removes the terminating NodeClaim.</summary>
    public static void Release(this OperatorHarness h, string name)
    {
        var claim = h.Server.Get(NodeClaims, name) ?? throw new InvalidOperationException($"NodeClaim {name} does not exist");
        Assert.NotNull(claim["metadata"]!["deletionTimestamp"]);
        claim["metadata"]!.AsObject().Remove("finalizers");
        h.Server.Put(claim);
        Assert.Null(h.Server.Get(NodeClaims, name));
    }

    /// <summary>NodeClaims of a pool that are terminating (deletionTimestamp set), by name.</summary>
    public static IReadOnlyList<string> Terminating(this OperatorHarness h, string pool) =>
        [.. ClaimsOf(h, pool).Where(c => c["metadata"]!["deletionTimestamp"] is not null).Select(c => (string)c["metadata"]!["name"]!).Order(StringComparer.Ordinal)];

    /// <summary>NodeClaims of a pool that still exist, terminating or not, by name.</summary>
    public static IReadOnlyList<string> Existing(this OperatorHarness h, string pool) =>
        [.. ClaimsOf(h, pool).Select(c => (string)c["metadata"]!["name"]!).Order(StringComparer.Ordinal)];

    /// <summary>DELETE requests the server received for one NodeClaim.</summary>
    public static int DeleteRequests(this OperatorHarness h, string claim) =>
        h.Server.Requests.Count(r => r.Verb == "delete" && r.Plural == NodeClaims && r.Name == claim);

    /// <summary>Writes (any verb) to a plural other than Events and Leases, e.g. to prove quiet periods.</summary>
    public static int ObjectWrites(this OperatorHarness h) =>
        h.Server.Requests.Count(r => r.IsWrite && r.Plural is not ("events" or "leases"));

    public static JsonObject? Limits(this OperatorHarness h, string pool) => h.Server.Get(NodePools, pool)?["spec"]?["limits"] as JsonObject;

    public static bool LimitsAreZero(this OperatorHarness h, string pool) =>
        h.Limits(pool) is { } limits && (string?)limits["cpu"] == "0" && (string?)limits["memory"] == "0" && limits.Count == 2;

    public static JsonNode? OffHoursStatus(this OperatorHarness h, string name) => h.Server.Get(Classes, name)?["status"]?["offHours"];

    /// <summary>Events the operator recorded on a class with a reason (the recorder sends them in the background).</summary>
    public static IReadOnlyList<JsonObject> Events(this OperatorHarness h, string name, string reason) =>
        [.. h.Server.List("events").Where(e => (string?)e["involvedObject"]?["name"] == name && (string?)e["reason"] == reason)];

    public static Task WaitForEventAsync(this OperatorHarness h, string name, string reason, Func<JsonObject, bool>? match = null) =>
        h.WaitForAsync(() => h.Events(name, reason).Any(e => match?.Invoke(e) ?? true));

    private static IEnumerable<JsonObject> ClaimsOf(OperatorHarness h, string pool) =>
        h.Server.List(NodeClaims).Where(c => (string?)c["metadata"]?["labels"]?["karpenter.sh/nodepool"] == pool);
}
