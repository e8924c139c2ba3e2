using System.Threading.Channels;
using AutoMode.Kubernetes.Controllers;
using AutoMode.Kubernetes.Hosting;
using AutoMode.Kubernetes.Informers;
using AutoMode.Kubernetes.LeaderElection;
using AutoMode.Kubernetes.Queue;
using AutoMode.Kubernetes.Tests.Support;
using AutoMode.Testing.Kube;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Kubernetes.Tests.Hosting;

public sealed class ControllerManagerTests : IAsyncLifetime
{
    private readonly Channel<string> _reconciled = Channel.CreateUnbounded<string>();
    private FakeApiServer _server = null!;
    private k8s.Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _server.AddResource(Widget.Group, Widget.Version, Widget.Plural, "Widget");
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Run_SyncsCachesThenReconciles_ReadyUntilShutdown_ThenClosesWatches()
    {
        _server.Put(Widget.Json("a"));
        var manager = Manager(leaderElection: null);
        using var cts = new CancellationTokenSource();
        Assert.False(manager.IsReady);

        var run = manager.RunAsync(cts.Token);

        Assert.Equal("a", await NextReconcileAsync());
        Assert.True(manager.IsReady);
        Assert.True(manager.IsLive);
        await cts.CancelAsync();
        await run.WithTimeout();
        Assert.False(manager.IsReady);
        await _server.WaitForAsync(s => s.OpenWatchesFor(Widget.Plural) == 0, TestTimeouts.Default);
    }

    /// <summary>Leader election on the wall clock with short leases (as in LeaderElectionRunnerTests); waits are on signals.</summary>
    [Fact]
    public async Task Follower_IsReadyButDoesNotReconcile_UntilItBecomesLeader()
    {
        var lease = new InMemoryLeaseStore();
        var leaderLeads = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var leaderCts = new CancellationTokenSource();
        var leader = new LeaderElectionRunner(new InMemoryLock(lease, "other"), LeaseOptions("other"), () => { }, NullLogger.Instance);
        var leaderRun = leader.RunAsync(t => { leaderLeads.TrySetResult(); return Task.Delay(Timeout.InfiniteTimeSpan, t); }, leaderCts.Token);
        await leaderLeads.Task.WithTimeout();
        _server.Put(Widget.Json("a"));
        var manager = Manager(new LeaderElectionRunner(new InMemoryLock(lease, "me"), LeaseOptions("me"), () => { }, NullLogger.Instance));
        using var cts = new CancellationTokenSource();

        var run = manager.RunAsync(cts.Token);
        await _server.WaitForAsync(s => s.OpenWatchesFor(Widget.Plural) == 1, TestTimeouts.Default);
        for (var renewals = 0; renewals < 10;)
        {
            using var wait = new CancellationTokenSource(TestTimeouts.Default);
            if (await lease.Writes.Reader.ReadAsync(wait.Token) == "other")
            {
                renewals++;
            }
        }

        Assert.True(manager.IsReady);
        Assert.False(manager.IsLeading);
        Assert.False(_reconciled.Reader.TryRead(out _));
        await leaderCts.CancelAsync();
        await leaderRun.WithTimeout();

        Assert.Equal("a", await NextReconcileAsync());
        Assert.True(manager.IsLeading);
        await cts.CancelAsync();
        await run.WithTimeout();
    }

    [Fact]
    public async Task LostLeadership_StopsControllersAndCallsTheHostStop()
    {
        var lease = new InMemoryLeaseStore();
        using var cts = new CancellationTokenSource();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var manager = Manager(new LeaderElectionRunner(
            new InMemoryLock(lease, "me"),
            LeaseOptions("me"),
            () =>
            {
                stopped.TrySetResult();
                cts.Cancel();
            },
            NullLogger.Instance));
        _server.Put(Widget.Json("a"));
        var run = manager.RunAsync(cts.Token);
        Assert.Equal("a", await NextReconcileAsync());

        lease.FailUpdatesFrom = "me";

        await stopped.Task.WithTimeout();
        await run.WithTimeout();
        Assert.False(manager.IsLeading);
    }

    // Wall-clock lease (as in LeaderElectionRunnerTests): 3 s / 2 s, not 1 s / 600 ms, so a CPU starved by the other
    // test assemblies running in parallel cannot make the leader miss its renewals and the follower take over early.
    private static LeaderElectionOptions LeaseOptions(string identity) => new()
    {
        Namespace = "automode-system",
        Identity = identity,
        LeaseDuration = TimeSpan.FromSeconds(3),
        RenewDeadline = TimeSpan.FromSeconds(2),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
    };

    private ControllerManager Manager(LeaderElectionRunner? leaderElection)
    {
        var informer = new Informer<Widget>(_client, Widget.Resource, NullLogger.Instance, new InformerOptions { ResyncPeriod = TimeSpan.Zero });
        var queue = new WorkQueue(TimeProvider.System);
        informer.Subscribe(e => queue.Add(e.Object.Metadata.Name));
        var controller = new Controller(
            "test.widget",
            new DelegateReconciler((key, _) =>
            {
                _reconciled.Writer.TryWrite(key);
                return Task.FromResult(ReconcileResult.Done);
            }),
            queue,
            NullLogger.Instance);
        var manager = new ControllerManager(NullLogger<ControllerManager>.Instance, leaderElection);
        manager.AddInformer(informer);
        manager.AddController(controller);
        return manager;
    }

    private async Task<string> NextReconcileAsync()
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Default);
        return await _reconciled.Reader.ReadAsync(cts.Token);
    }
}
