using System.Text.Json.Nodes;
using AutoMode.Kubernetes.Apply;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace AutoMode.Kubernetes.Tests.Apply;

/// <summary>Our own writes stand in for the cache until it shows them, and never longer than the timeout.</summary>
public sealed class WriteExpectationsTests
{
    private const string Kind = "NodePool";

    private static V1ConfigMap Object(string name, string? resourceVersion, string value = "a") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, ResourceVersion = resourceVersion },
        Data = new Dictionary<string, string> { ["v"] = value },
    };

    // cached resourceVersion (null: not in the cache), which the reconcile sees
    public static TheoryData<string?, string> LatestCases => new()
    {
        { null, "written" },          // the cache does not have it yet
        { "9", "written" },           // the cache still shows the version before our write
        { "10", "cached" },           // the cache shows our write
        { "11", "cached" },           // the cache moved on past our write (Auto Mode's status update)
        { "not-a-number", "cached" }, // resourceVersions that do not compare: never wait on them
    };

    [Theory]
    [MemberData(nameof(LatestCases))]
    public void Latest_IsOurWriteOnlyWhileTheCacheLagsBehindIt(string? cachedVersion, string expected)
    {
        var expectations = new WriteExpectations(new FakeTimeProvider());
        var written = Object("web", "10", "written");
        expectations.Applied(Kind, written, null);
        var cached = cachedVersion is null ? null : Object("web", cachedVersion, "cached");

        var latest = expectations.Latest(Kind, "web", cached);

        Assert.Equal(expected, latest!.Data["v"]);
    }

    [Fact]
    public void ReadLive_StandsInForACacheThatMissedEvents_UntilItCatchesUp_AndNeverReplacesANewerEntry()
    {
        var expectations = new WriteExpectations(new FakeTimeProvider());
        var stale = Object("web", "9", "stale");
        expectations.ReadLive(Kind, Object("web", "12", "live"));
        expectations.ReadLive(Kind, Object("web", "11", "older read"));

        Assert.Equal("live", expectations.Latest(Kind, "web", stale)!.Data["v"]);
        Assert.Null(expectations.AppliedSpec(Kind, "web"));

        expectations.Settle(Kind, "web", stale);
        Assert.Equal("live", expectations.Latest(Kind, "web", stale)!.Data["v"]);
        var caughtUp = Object("web", "12", "cached");
        expectations.Settle(Kind, "web", caughtUp);
        Assert.Equal("stale", expectations.Latest(Kind, "web", stale)!.Data["v"]);
    }

    [Fact]
    public void Latest_WithoutAWrite_IsTheCache()
    {
        var expectations = new WriteExpectations(new FakeTimeProvider());

        Assert.Null(expectations.Latest<V1ConfigMap>(Kind, "web", null));
        Assert.Equal("9", expectations.Latest(Kind, "web", Object("web", "9"))!.Metadata.ResourceVersion);
    }

    [Fact]
    public void Latest_ReadsOnly_SettleDropsTheObjectOnceTheCacheCaughtUp_AndItsDeletionIsThenSeen()
    {
        var expectations = new WriteExpectations(new FakeTimeProvider());
        expectations.Applied(Kind, Object("web", "10"), JsonNode.Parse("""{"a":1}"""));

        _ = expectations.Latest(Kind, "web", Object("web", "10"));
        Assert.NotNull(expectations.Latest<V1ConfigMap>(Kind, "web", null));

        expectations.Settle(Kind, "web", Object("web", "9"));
        Assert.NotNull(expectations.Latest<V1ConfigMap>(Kind, "web", null));

        expectations.Settle(Kind, "web", Object("web", "10"));
        Assert.Null(expectations.Latest<V1ConfigMap>(Kind, "web", null));

        // The spec we applied outlives the object expectation: it tells our fields from other managers' fields.
        Assert.NotNull(expectations.AppliedSpec(Kind, "web"));
    }

    [Fact]
    public void AnExpectationOlderThanTheTimeout_NoLongerStandsInForTheCache()
    {
        var time = new FakeTimeProvider();
        var expectations = new WriteExpectations(time);
        expectations.Applied(Kind, Object("web", "10"), null);
        expectations.PatchedStatus(Kind, "uid-1", "{}");

        time.Advance(WriteExpectations.Timeout - TimeSpan.FromSeconds(1));
        Assert.NotNull(expectations.Latest<V1ConfigMap>(Kind, "web", null));
        Assert.Equal("{}", expectations.WrittenStatus(Kind, "uid-1"));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(expectations.Latest<V1ConfigMap>(Kind, "web", null));
        Assert.Null(expectations.WrittenStatus(Kind, "uid-1"));
    }

    [Fact]
    public void Forget_DropsTheObjectAndItsAppliedSpec()
    {
        var expectations = new WriteExpectations(new FakeTimeProvider());
        expectations.Applied(Kind, Object("web", "10"), JsonNode.Parse("""{"a":1}"""));

        expectations.Forget(Kind, "web");

        Assert.Null(expectations.Latest<V1ConfigMap>(Kind, "web", null));
        Assert.Null(expectations.AppliedSpec(Kind, "web"));
    }

    [Fact]
    public void WrittenStatus_IsKeptPerObjectUntilSettled()
    {
        var expectations = new WriteExpectations(new FakeTimeProvider());
        expectations.PatchedStatus(Kind, "uid-1", """{"a":1}""");

        Assert.Equal("""{"a":1}""", expectations.WrittenStatus(Kind, "uid-1"));
        Assert.Null(expectations.WrittenStatus(Kind, "uid-2"));

        expectations.SettleStatus(Kind, "uid-1");
        Assert.Null(expectations.WrittenStatus(Kind, "uid-1"));
    }

    [Fact]
    public void Deletion_StandsInForTheDeletionTimestamp_UntilTheObjectLeavesTheCache_SettledPerScope()
    {
        var time = new FakeTimeProvider();
        var expectations = new WriteExpectations(time);
        var at = time.GetUtcNow();
        expectations.Deleted("NodeClaim", "a-1", "a", at);
        expectations.Deleted("NodeClaim", "b-1", "b", at);

        // Class b's reconcile sees none of its claims any more: it settles its own deletions only.
        expectations.SettleDeletions("NodeClaim", "b", new HashSet<string>());

        Assert.Equal(at, expectations.DeletionRequestedAt("NodeClaim", "a-1"));
        Assert.Null(expectations.DeletionRequestedAt("NodeClaim", "b-1"));

        expectations.SettleDeletions("NodeClaim", "a", new HashSet<string> { "a-1" });
        Assert.Equal(at, expectations.DeletionRequestedAt("NodeClaim", "a-1"));

        time.Advance(WriteExpectations.Timeout);
        Assert.Null(expectations.DeletionRequestedAt("NodeClaim", "a-1"));
    }
}
