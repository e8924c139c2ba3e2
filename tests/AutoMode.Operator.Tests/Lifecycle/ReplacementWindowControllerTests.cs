using System.Globalization;
using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Operator.Tests.OffHours;
using AutoMode.Testing.Builders;
using Cronos;
using static AutoMode.Operator.Tests.OffHours.OffHoursWorld;

namespace AutoMode.Operator.Tests.Lifecycle;

/// <summary>
/// Issue 15 acceptance, replacement windows: the real operator against the fake API server on a fake clock, Karpenter's
/// part (the pool's template hash, NodeClaims launched and released) played by the test. Windows Mon-Thu 04:00-06:00
/// UTC, weekly rotation; the harness clock starts Monday 2026-11-23 10:00Z, after that day's window.
/// </summary>
public sealed class ReplacementWindowControllerTests
{
    private const string HashAnnotation = "karpenter.sh/nodepool-hash";
    private static readonly DateTimeOffset TuesdayWindow = new(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RotationDue = new(2026, 12, 1, 4, 0, 0, TimeSpan.Zero);

    private static V1Alpha1WorkloadClass Windowed(string name, string? maxReplacing = "1") => WorkloadClasses.Valid(name, s =>
        s.Lifecycle = new LifecycleSpec
        {
            ExpireAfter = "336h",
            TerminationGracePeriod = "24h",
            Replacement = new ReplacementSpec
            {
                TimeZone = "UTC",
                Windows = [new ReplacementWindowSpec { Schedule = "0 4 * * 1-4", Duration = "2h" }],
                RotateEvery = "168h",
                MaxReplacing = maxReplacing,
            },
        });

    [Fact]
    public async Task RotationStartsExactlyAtTheWindow_DriftHeldOutside_StatusShowsLifetimes()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Windowed("game"));
        h.SetPoolHash("game", "h1");
        h.PutHashedClaim("a", "game", "h1");
        await h.SettleAsync("game");

        // Outside a window: Karpenter would allow no drift (the "0" budget covers Mon 06:00 to Tue 04:00), nor any rotation yet.
        Assert.Equal(0, h.AllowedDrift("game", h.Time.GetUtcNow(), nodes: 1));
        Assert.Equal(1, h.AllowedDrift("game", TuesdayWindow, nodes: 1));
        Assert.Null(h.Rotation("game"));
        var lifecycle = h.Lifecycle("game")!;
        Assert.Equal("a", (string?)lifecycle["oldestNodeClaim"]);
        Assert.Equal(OperatorHarness.Start, (DateTimeOffset)lifecycle["oldestNodeCreated"]!);
        Assert.Equal(OperatorHarness.Start.AddHours(336), (DateTimeOffset)lifecycle["forcedExpiry"]!);
        Assert.False((bool)lifecycle["windowOpen"]!);
        Assert.Equal(TuesdayWindow, (DateTimeOffset)lifecycle["nextWindow"]!);
        Assert.Equal(RotationDue, (DateTimeOffset)lifecycle["nextRotation"]!);
        Assert.Equal(0, (int)lifecycle["nodeClaimsOnOldHash"]!);
        Assert.Equal("False", OperatorHarness.Condition(h.Get(Classes, "game"), "ExpiryOutsideWindow"));

        // One second before the due window: the queue's own timers moved the hold along, nothing rotated.
        var marker = h.Reconciles.Sequence;
        h.Time.Advance(RotationDue - h.Time.GetUtcNow() - TimeSpan.FromSeconds(1));
        await h.Reconciles.WaitForRunAfterAsync("game", marker);
        await h.SettleAsync("game");
        Assert.Null(h.Rotation("game"));
        Assert.Equal(0, h.AllowedDrift("game", h.Time.GetUtcNow(), nodes: 1));

        // At the window start the queue's timer fires on the fake clock: the rotation annotation is the window start.
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.WaitForAsync(() => h.Rotation("game") == "2026-12-01T04:00:00Z");
        await h.SettleAsync("game");
        Assert.Equal(1, h.AllowedDrift("game", h.Time.GetUtcNow(), nodes: 1));
        Assert.Equal(0, h.AllowedDrift("game", RotationDue.AddHours(2), nodes: 1));
        await h.WaitForEventAsync("game", "RotationStarted");
        Assert.Equal(RotationDue, (DateTimeOffset)h.Lifecycle("game")!["lastRotation"]!);
        Assert.Equal(RotationDue.AddDays(7), (DateTimeOffset)h.Lifecycle("game")!["nextRotation"]!);

        // Karpenter rehashes the template: "a" is on the old hash until its replacement runs and it is gone.
        h.SetPoolHash("game", "h2");
        await h.WaitForAsync(() => (int?)h.Lifecycle("game")?["nodeClaimsOnOldHash"] == 1);
        h.PutHashedClaim("b", "game", "h2");
        h.DeleteAndRelease("a");
        await h.WaitForAsync(() => (int?)h.Lifecycle("game")?["nodeClaimsOnOldHash"] == 0);
        await h.WaitForEventAsync("game", "RotationCompleted");
        Assert.Equal("b", (string?)h.Lifecycle("game")!["oldestNodeClaim"]);
        Assert.Empty(h.Reconciles.Errors);
    }

    [Fact]
    public async Task RestartAfterTheRotation_NoWrites_SameRotation()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(Windowed("game"));
        h.SetPoolHash("game", "h1");
        h.PutHashedClaim("a", "game", "h1");
        await h.SettleAsync("game");
        h.Time.Advance(RotationDue.AddMinutes(30) - h.Time.GetUtcNow());
        await h.WaitForAsync(() => h.Rotation("game") == "2026-12-01T04:00:00Z");
        await h.SettleAsync("game");

        // A new process reads the last rotation back from the NodePool: nothing to write, no second rotation.
        await h.StopOperatorAsync();
        await h.StartOperatorAsync();
        await h.SettleAsync("game");
        Assert.Equal(0, h.Runtime.Writer.Writes);
        Assert.Equal("2026-12-01T04:00:00Z", h.Rotation("game"));
        Assert.Single(h.Events("game", "RotationStarted"));
    }

    [Fact]
    public async Task ClassWithoutWindows_WithANode_WarnsOfItsForcedExpiry()
    {
        await using var h = await StartAsync();
        await h.ApplyAndSettleAsync(WorkloadClasses.Valid("web"));
        h.PutHashedClaim("a", "web", "h1");
        await h.WaitForAsync(() => OperatorHarness.Condition(h.Get(Classes, "web"), "ExpiryOutsideWindow") == "True");

        var workloadClass = h.Get(Classes, "web");
        Assert.Equal("NoReplacementWindows", OperatorHarness.Condition(workloadClass, "ExpiryOutsideWindow", "reason"));
        Assert.Contains("a at 2026-12-07T10:00:00Z", OperatorHarness.Condition(workloadClass, "ExpiryOutsideWindow", "message"), StringComparison.Ordinal);
        Assert.Equal(OperatorHarness.Start.AddHours(336), (DateTimeOffset)h.Lifecycle("web")!["forcedExpiry"]!);
        Assert.Equal("True", OperatorHarness.Condition(workloadClass, "Ready"));
    }
}

/// <summary>Karpenter's side of replacement windows, played by the test.</summary>
internal static class ReplacementWorld
{
    public static JsonNode? Lifecycle(this OperatorHarness h, string name) => h.Server.Get(Classes, name)?["status"]?["lifecycle"];

    public static string? Rotation(this OperatorHarness h, string pool) =>
        (string?)h.Server.Get(NodePools, pool)?["spec"]?["template"]?["metadata"]?["annotations"]?[WorkloadClassApi.RotationAnnotation];

    /// <summary>Karpenter's hash controller stamps the pool with its template hash (pkg/controllers/nodepool/hash).</summary>
    public static void SetPoolHash(this OperatorHarness h, string pool, string hash)
    {
        var stored = h.Server.Get(NodePools, pool) ?? throw new InvalidOperationException($"NodePool {pool} does not exist");
        var metadata = stored["metadata"]!.AsObject();
        var annotations = metadata["annotations"] as JsonObject ?? [];
        annotations["karpenter.sh/nodepool-hash"] = hash;
        metadata["annotations"] = annotations.DeepClone();
        h.Server.Put(stored);
    }

    /// <summary>A NodeClaim launched from the pool's template of <paramref name="hash"/>, created now (the server's fake clock).</summary>
    public static void PutHashedClaim(this OperatorHarness h, string name, string pool, string hash)
    {
        h.PutClaim(name, pool);
        var claim = h.Server.Get(NodeClaims, name)!;
        claim["metadata"]!["annotations"] = new JsonObject { ["karpenter.sh/nodepool-hash"] = hash, ["karpenter.sh/nodepool-hash-version"] = "v3" };
        h.Server.Put(claim);
    }

    public static void DeleteAndRelease(this OperatorHarness h, string name)
    {
        Assert.True(h.Server.Delete(NodeClaims, name));
        h.Release(name);
    }

    /// <summary>
    /// How many Drifted disruptions Karpenter would allow at <paramref name="at"/> for a pool of <paramref name="nodes"/>,
    /// by its own rules (kubernetes-sigs/karpenter pkg/apis/v1/nodepool.go): the minimum over budgets whose reasons are
    /// absent or include the reason; a scheduled budget is active while <c>schedule.Next(at - duration) &lt;= at</c> (UTC);
    /// percentages round up.
    /// </summary>
    public static int AllowedDrift(this OperatorHarness h, string pool, DateTimeOffset at, int nodes)
    {
        var allowed = int.MaxValue;
        foreach (var budget in h.Server.Get(NodePools, pool)!["spec"]!["disruption"]!["budgets"]!.AsArray())
        {
            var reasons = budget!["reasons"]?.AsArray().Select(r => (string?)r).ToList();
            if (reasons is not null && !reasons.Contains("Drifted"))
            {
                continue;
            }

            if ((string?)budget["schedule"] is { } schedule)
            {
                var duration = Duration((string)budget["duration"]!);
                var hit = CronExpression.Parse(schedule).GetNextOccurrence(at - duration, TimeZoneInfo.Utc, inclusive: false);
                if (hit is null || hit > at)
                {
                    continue;
                }
            }

            var value = (string)budget["nodes"]!;
            var count = value.EndsWith('%')
                ? (int)Math.Ceiling(nodes * int.Parse(value[..^1], CultureInfo.InvariantCulture) / 100.0)
                : int.Parse(value, CultureInfo.InvariantCulture);
            allowed = Math.Min(allowed, count);
        }

        return allowed;
    }

    private static TimeSpan Duration(string text)
    {
        var hours = text.Contains('h', StringComparison.Ordinal) ? int.Parse(text[..text.IndexOf('h', StringComparison.Ordinal)], CultureInfo.InvariantCulture) : 0;
        var rest = text.Contains('h', StringComparison.Ordinal) ? text[(text.IndexOf('h', StringComparison.Ordinal) + 1)..] : text;
        var minutes = rest.EndsWith('m') ? int.Parse(rest[..^1], CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(hours, minutes, 0);
    }
}
