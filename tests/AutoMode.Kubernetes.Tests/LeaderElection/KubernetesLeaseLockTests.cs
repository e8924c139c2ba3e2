using System.Net;
using System.Text.Json.Nodes;
using AutoMode.Kubernetes.LeaderElection;
using AutoMode.Testing.Kube;
using k8s.Autorest;
using k8s.LeaderElection;

namespace AutoMode.Kubernetes.Tests.LeaderElection;

/// <summary>The Lease lock against the fake API server, which enforces resourceVersion preconditions as the real one does.</summary>
public sealed class KubernetesLeaseLockTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
    private FakeApiServer _server = null!;
    private k8s.Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task MissingLease_GetIs404_CreateWinsOnce()
    {
        var a = Lock("a");
        var b = Lock("b");

        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => a.GetAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.True(await a.CreateAsync(Record("a")));
        Assert.False(await b.CreateAsync(Record("b")));

        var read = await b.GetAsync();
        Assert.Equal("a", read.HolderIdentity);
        Assert.Equal(15, read.LeaseDurationSeconds);
        Assert.Equal(Now, read.RenewTime);
    }

    [Fact]
    public async Task Update_IsConditionalOnTheLastReadOrWrite_AndKeepsMetadata()
    {
        var a = Lock("a");
        var b = Lock("b");
        Assert.True(await a.CreateAsync(Record("a")));
        var labelled = _server.Get("leases", "leader", "ops")!;
        labelled["metadata"]!["labels"] = new JsonObject { ["team"] = "platform" };
        _server.Put(labelled);
        await b.GetAsync();
        await a.GetAsync();

        // Each renewal moves renewTime (an update that changes nothing keeps the resourceVersion, as on a real server).
        Assert.True(await a.UpdateAsync(Record("a", renewedAfterSeconds: 2)));
        Assert.True(await a.UpdateAsync(Record("a", renewedAfterSeconds: 4))); // based on its own write, not a re-read
        Assert.False(await b.UpdateAsync(Record("b"))); // based on a stale read: 409

        var stored = _server.Get("leases", "leader", "ops")!;
        Assert.Equal("a", (string?)stored["spec"]!["holderIdentity"]);
        Assert.Equal("platform", (string?)stored["metadata"]!["labels"]!["team"]);
    }

    [Fact]
    public async Task Release_WritesAnEmptyHolder_NotAMissingOne()
    {
        var a = Lock("a");
        Assert.True(await a.CreateAsync(Record("a")));

        Assert.True(await a.UpdateAsync(new LeaderElectionRecord { HolderIdentity = string.Empty, LeaseDurationSeconds = 1, AcquireTime = Now, RenewTime = Now, LeaderTransitions = 3 }));

        var spec = _server.Get("leases", "leader", "ops")!["spec"]!;
        Assert.Equal(string.Empty, (string?)spec["holderIdentity"]);
        Assert.Equal(1, (int)spec["leaseDurationSeconds"]!);
        Assert.Equal(3, (int)spec["leaseTransitions"]!);
    }

    [Fact]
    public async Task ServerErrors_Propagate_WithTheirStatus()
    {
        var a = Lock("a");
        Assert.True(await a.CreateAsync(Record("a")));
        _server.Faults = new FaultPlan(seed: 1) { ServiceUnavailable = 1 };

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => a.UpdateAsync(Record("a")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Response.StatusCode);
        Assert.Equal("503 ServiceUnavailable", LeaseElector.Cause(error));
    }

    private KubernetesLeaseLock Lock(string identity) => new(_client, "ops", "leader", identity);

    private static LeaderElectionRecord Record(string holder, int renewedAfterSeconds = 0) => new()
    {
        HolderIdentity = holder,
        LeaseDurationSeconds = 15,
        AcquireTime = Now,
        RenewTime = Now.AddSeconds(renewedAfterSeconds),
    };
}
