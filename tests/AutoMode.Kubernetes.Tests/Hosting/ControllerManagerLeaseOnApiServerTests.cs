using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using AutoMode.Kubernetes.Controllers;
using AutoMode.Kubernetes.Hosting;
using AutoMode.Kubernetes.Informers;
using AutoMode.Kubernetes.LeaderElection;
using AutoMode.Kubernetes.Queue;
using AutoMode.Kubernetes.Tests.Support;
using AutoMode.Testing.Kube;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace AutoMode.Kubernetes.Tests.Hosting;

/// <summary>
/// The controller manager with its Lease on the fake API server (KubernetesLeaseLock over HTTP) and the default
/// timings (15 s / 10 s / 2 s) on a fake clock; informers and controllers run in real time. The outage is the fault
/// plan cutting every request (watches dropped), as when the API server restarts.
/// </summary>
public sealed class ControllerManagerLeaseOnApiServerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string LeaseNamespace = "automode-system";
    private const string LeaseName = "automode-operator-leader";
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);
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
    public async Task ApiServerDownFor5s_LeaderKeepsLeading_AndReconcilesAgainWhenItReturns()
    {
        var time = new TimerTrackingTimeProvider();
        var log = new ListLogger();
        var lost = 0;
        using var leaseClient = _server.CreateClient();
        var me = new Replica(_client, LeaderElectionRunner.ForLease(leaseClient, Options("me"), () => Interlocked.Increment(ref lost), log, time));
        _server.Put(Widget.Json("a"));
        using var cts = new CancellationTokenSource();
        var run = me.Manager.RunAsync(cts.Token);
        Assert.Equal("a", await me.NextReconcileAsync());
        await time.WaitForTimerAsync(Retry); // t = 0: acquired; the first renewal waits.

        _server.Faults = new FaultPlan(seed: 1) { ConnectionReset = 1 };
        _server.DropWatches();
        time.Advance(Retry); // t = 2: renewal cut
        await time.WaitForTimerAsync(Retry);
        time.Advance(Retry); // t = 4: renewal cut
        await time.WaitForTimerAsync(Retry);
        time.Advance(TimeSpan.FromSeconds(1)); // t = 5: the API server is back
        _server.Faults = null;
        time.Advance(TimeSpan.FromSeconds(1)); // t = 6: renewed
        await time.WaitForTimerAsync(Retry);

        Assert.True(me.Manager.IsLeading);
        Assert.Equal(0, Volatile.Read(ref lost));
        var lease = Lease();
        Assert.Equal("me", (string?)lease["spec"]!["holderIdentity"]);
        Assert.Equal(time.GetUtcNow(), DateTimeOffset.Parse((string)lease["spec"]!["renewTime"]!, null, System.Globalization.DateTimeStyles.AssumeUniversal));
        var failures = log.AtLeast(LogLevel.Warning).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Null(f.Exception));
        Assert.All(failures, f => Assert.StartsWith("Renewing Lease automode-system/automode-operator-leader failed: ", f.Message, StringComparison.Ordinal));

        // The controllers never stopped: an edit made after the outage is reconciled once the watch reconnects.
        _server.Put(Widget.Json("b"));
        Assert.Equal("b", await me.NextReconcileAsync());

        await cts.CancelAsync();
        await run.WithTimeout();
        Assert.Equal(0, Volatile.Read(ref lost));
        var released = Lease();
        Assert.Equal(string.Empty, (string?)released["spec"]!["holderIdentity"]);
        Assert.Equal(1, (int)released["spec"]!["leaseDurationSeconds"]!);
    }

    [Fact]
    public async Task RollingUpdate_LeaderStops_FollowerTakesOverWithinOneRetryPeriod_AndReconciles()
    {
        var time = new TimerTrackingTimeProvider();
        using var leaseA = _server.CreateClient();
        using var leaseB = _server.CreateClient();
        var a = new Replica(_client, LeaderElectionRunner.ForLease(leaseA, Options("a"), () => { }, NullLogger.Instance, time));
        // 0.99: the slowest follower poll, RetryPeriod x 0.995.
        var followerPoll = Retry * (0.5 + (0.5 * 0.99));
        var b = new Replica(_client, new LeaderElectionRunner(new KubernetesLeaseLock(leaseB, LeaseNamespace, LeaseName, "b"), Options("b"), () => { }, NullLogger.Instance, time, new FixedRandom(0.99)));
        _server.Put(Widget.Json("w"));
        using var aStop = new CancellationTokenSource();
        using var bStop = new CancellationTokenSource();
        var aRun = a.Manager.RunAsync(aStop.Token);
        Assert.Equal("w", await a.NextReconcileAsync());
        var bRun = b.Manager.RunAsync(bStop.Token);
        await time.WaitForTimerAsync(followerPoll); // b is synced, has seen a's lease and waits.
        Assert.False(b.Manager.IsLeading);

        await aStop.CancelAsync();
        await aRun.WithTimeout();
        var releasedAt = time.GetTimestamp();
        var measured = Stopwatch.StartNew();
        time.Advance(followerPoll);

        Assert.Equal("w", await b.NextReconcileAsync());
        measured.Stop();
        Assert.True(time.GetElapsedTime(releasedAt) < Retry);
        Assert.True(b.Manager.IsLeading);
        var lease = Lease();
        Assert.Equal("b", (string?)lease["spec"]!["holderIdentity"]);
        Assert.Equal(1, (int)lease["spec"]!["leaseTransitions"]!);
        // Wall-clock cost on top of the poll (HTTP acquire, controllers' start, first reconcile): a figure, not a rule.
        output.WriteLine($"takeover: {time.GetElapsedTime(releasedAt).TotalSeconds:0.00} s on the fake clock + {measured.Elapsed.TotalMilliseconds:0} ms measured to the first reconcile");
        await bStop.CancelAsync();
        await bRun.WithTimeout();
    }

    private JsonObject Lease() => _server.Get("leases", LeaseName, LeaseNamespace)!;

    private static LeaderElectionOptions Options(string identity) => new() { Namespace = LeaseNamespace, LeaseName = LeaseName, Identity = identity };

    /// <summary>One operator replica: a Widget informer and a controller that reports each reconcile.</summary>
    private sealed class Replica
    {
        private readonly Channel<string> _reconciled = Channel.CreateUnbounded<string>();

        public Replica(k8s.Kubernetes client, LeaderElectionRunner election)
        {
            var informer = new Informer<Widget>(client, Widget.Resource, NullLogger.Instance, new InformerOptions { ResyncPeriod = TimeSpan.Zero });
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
            Manager = new ControllerManager(NullLogger<ControllerManager>.Instance, election);
            Manager.AddInformer(informer);
            Manager.AddController(controller);
        }

        public ControllerManager Manager { get; }

        public async Task<string> NextReconcileAsync()
        {
            using var cts = new CancellationTokenSource(TestTimeouts.Default);
            return await _reconciled.Reader.ReadAsync(cts.Token);
        }
    }
}
