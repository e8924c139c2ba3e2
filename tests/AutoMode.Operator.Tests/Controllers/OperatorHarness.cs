using System.Text.Json.Nodes;
using AutoMode.Aws;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Kubernetes.Events;
using AutoMode.Kubernetes.Hosting;
using AutoMode.Kubernetes.Http;
using AutoMode.Kubernetes.Informers;
using AutoMode.Kubernetes.Queue;
using AutoMode.Operator.Controllers.WorkloadClasses;
using AutoMode.Operator.Hosting;
using AutoMode.Operator.Tests.OffHours;
using AutoMode.Testing.Cel;
using AutoMode.Testing.Kube;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AutoMode.Operator.Tests.Controllers;

/// <summary>
/// The real operator (informers, queue, controllers, writer, event recorder) against the loopback fake API server.
/// Schedules read a FakeTimeProvider; the network side (watch reconnects, HTTP retries) runs in real time, quickly.
/// </summary>
internal sealed class OperatorHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero); // a Monday

    private CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private KubernetesEventRecorder? _events;
    private bool _stopped = true;

    private readonly bool _ownsServer;
    private readonly Func<DelegatingHandler>? _tap;
    private readonly ILoggerFactory? _loggers;

    private OperatorHarness(FakeApiServer server, FakeTimeProvider time, bool ownsServer, Func<DelegatingHandler>? tap = null, ILoggerFactory? loggers = null)
    {
        Server = server;
        Time = time;
        _ownsServer = ownsServer;
        _tap = tap;
        _loggers = loggers;
    }

    public FakeApiServer Server { get; }

    public FakeTimeProvider Time { get; }

    public OperatorRuntime Runtime { get; private set; } = null!;

    public int LostLeadership { get; private set; }

    /// <summary>Every WorkloadClass reconcile of every operator this harness started (restarts included), and error logs.</summary>
    public ReconcileLog Reconciles { get; } = new();

    /// <summary>The running operator's WorkloadClass work queue (timers on <see cref="Time"/>).</summary>
    public WorkQueue ClassQueue =>
        (WorkQueue)((ControllerManager)Runtime.Health!).Controllers.Single(c => c.Name == WorkloadClassController.Name).Queue;

    public static async Task<OperatorHarness> StartAsync(
        Func<RunOptions, RunOptions>? options = null,
        bool autoMode = true,
        IIamRolePolicyApi? iam = null,
        IEksApi? eks = null,
        FakeApiServer? sharedServer = null,
        Func<DelegatingHandler>? observer = null,
        bool serverOnFakeClock = false,
        FakeTimeProvider? time = null,
        Func<DelegatingHandler>? tap = null,
        ILoggerFactory? loggers = null,
        NodePoolSchema nodePoolSchema = NodePoolSchema.AutoMode,
        bool withSchemas = true)
    {
        // On the fake clock the server's timestamps (creation, deletionTimestamp) agree with the operator's schedules.
        var clock = time ?? new FakeTimeProvider(Start);
        var server = sharedServer ?? await FakeApiServer.StartAsync(serverOnFakeClock ? clock : null);
        if (sharedServer is null)
        {
            server.AddResource(WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural, WorkloadClassApi.Kind);
            // The CEL rules a real Auto Mode cluster enforces on the classes and on the operator's NodeClasses/NodePools.
            ProjectCrds.Install(server.State.Cel);
            // Core pods: the off-hours drain lists those of drain.protectedNamespaces.
            server.AddResource(string.Empty, "v1", "pods", "Pod", namespaced: true);
            if (autoMode)
            {
                FakeAutoMode.Install(server);
            }
            else
            {
                FakeAutoMode.Register(server);
            }

            // The real API server prunes, defaults and merges lists by these schemas; so does the fake from here on.
            if (withSchemas)
            {
                FakeSchemas.Install(server, nodePoolSchema);
            }
        }

        var harness = new OperatorHarness(server, clock, ownsServer: sharedServer is null, tap, loggers);
        await harness.StartOperatorAsync(options, iam, eks, observer);
        return harness;
    }

    /// <summary>
    /// Starts (or restarts) the operator process against the same server. <paramref name="observer"/> makes a handler
    /// placed innermost in the operator's main client (after retries), so it sees every attempt as it is sent.
    /// </summary>
    public async Task StartOperatorAsync(Func<RunOptions, RunOptions>? options = null, IIamRolePolicyApi? iam = null, IEksApi? eks = null, Func<DelegatingHandler>? observer = null)
    {
        if (_stop.IsCancellationRequested)
        {
            // Restarted after StopOperatorAsync: the new process gets its own stop signal.
            _stop.Dispose();
            _stop = new CancellationTokenSource();
        }

        var runOptions = new RunOptions { LeaderElect = false, Workers = 4, PodName = "operator-" + Guid.NewGuid().ToString("N")[..6] };
        runOptions = options?.Invoke(runOptions) ?? runOptions;
        // A call that never answers is abandoned after 5 s (30 s in the operator) and retried, well within the tests' patience.
        var retry = new RetryHandlerOptions { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50), MaxAttempts = 8, AttemptTimeout = TimeSpan.FromSeconds(5) };
        var sideLoggers = _loggers ?? NullLoggerFactory.Instance;
        var retryHandler = new RetryHandler(retry, logger: sideLoggers.CreateLogger<RetryHandler>());
        var client = observer is null
            ? Server.CreateClient(Handlers(retryHandler))
            : Server.CreateClient(Handlers(retryHandler, observer()));
        _events = new KubernetesEventRecorder(Server.CreateClient(Handlers()), sideLoggers.CreateLogger<KubernetesEventRecorder>());
        Runtime = new OperatorRuntime(client, Server.CreateClient(Handlers()), runOptions, iam, eks, _events, Time,
            _loggers ?? Reconciles, () => LostLeadership++, networkTime: TimeProvider.System);
        // Waits may read the gates' snapshots, which change without a request when no class needs a new status
        // (the last tagged class deleted): wake the waiters on those changes too.
        Runtime.TagPolicy.Changed += Server.State.Wake;
        Runtime.AccessEntries.Changed += Server.State.Wake;
        _stopped = false;
        _running = Runtime.RunAsync(_stop.Token);
        await WaitUntilAsync(() => Runtime.IsReady, "caches synced");
    }

    /// <summary>True between StartOperatorAsync and StopOperatorAsync.</summary>
    public bool IsRunning => !_stopped;

    public async Task StopOperatorAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stop.CancelAsync();
        await _running;
        await Runtime.DisposeAsync();
        if (_events is not null)
        {
            await _events.DisposeAsync();
        }
    }

    public void Apply(V1Alpha1WorkloadClass workloadClass)
    {
        var existing = Server.Get(WorkloadClassApi.Plural, workloadClass.Metadata.Name);
        var node = JsonNode.Parse(KubernetesJson.Serialize(workloadClass))!.AsObject();
        node.Remove("status");
        if (existing is not null)
        {
            node["metadata"]!["uid"] = existing["metadata"]!["uid"]!.DeepClone();
            node["metadata"]!["creationTimestamp"] = existing["metadata"]!["creationTimestamp"]?.DeepClone();
            if (existing["status"] is { } status)
            {
                node["status"] = status.DeepClone();
            }
        }

        Server.Put(node);
    }

    public JsonObject? Get(string plural, string name) => Server.Get(plural, name);

    public static string? Condition(JsonObject? obj, string type, string field = "status") =>
        obj?["status"]?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c!["type"] == type)?[field]?.GetValue<string>();

    /// <summary>Waits until the class has a condition with the given status, for its current generation.</summary>
    public Task WaitForConditionAsync(string name, string type, string status, TimeSpan? timeout = null) =>
        Server.WaitForAsync(_ =>
        {
            var obj = Server.Get(WorkloadClassApi.Plural, name);
            return Condition(obj, type) == status &&
                   obj!["status"]?["observedGeneration"]?.GetValue<long>() == obj["metadata"]?["generation"]?.GetValue<long>();
        }, timeout ?? TimeSpan.FromSeconds(20));

    /// <summary>Waits until this replica leads: a flag on the runtime, set after the lease write the server saw.</summary>
    public Task WaitForLeadershipAsync() => WaitUntilAsync(() => Runtime.IsLeading, "leadership");

    public Task WaitForAsync(Func<bool> predicate, TimeSpan? timeout = null) =>
        Server.WaitForAsync(_ => predicate(), timeout ?? TimeSpan.FromSeconds(20));

    /// <summary>
    /// Waits for <paramref name="predicate"/> while the fake clock ticks (one second per tick), so per-key backoff and
    /// other timers on the operator's clock elapse as they would in a cluster.
    /// </summary>
    public async Task WaitTickingAsync(Func<bool> predicate, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!predicate())
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            // Paces the fake clock; the predicate is checked on every tick.
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>Waits until the operator's cache holds the class exactly as the server stores it (resourceVersion).</summary>
    public async Task WaitForCacheAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (Runtime.Classes.Get(name)?.Metadata.ResourceVersion != (string?)Server.Get(WorkloadClassApi.Plural, name)?["metadata"]?["resourceVersion"])
        {
            // The cache is in-process state the server cannot signal; check again shortly.
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>Waits until the operator's caches of classes, NodeClasses, NodePools and NodeClaims hold exactly what the server stores.</summary>
    public async Task WaitForCachesAsync()
    {
        var informers = ((ControllerManager)Runtime.Health!).Informers;
        var pools = informers.OfType<Informer<V1NodePool>>().Single().Store;
        var claims = informers.OfType<Informer<V1NodeClaim>>().Single().Store;
        var nodeClasses = informers.OfType<Informer<V1NodeClass>>().Single().Store;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!(Same(Runtime.Classes.List(), Server.List(WorkloadClassApi.Plural))
            && Same(pools.List(), Server.List("nodepools"))
            && Same(nodeClasses.List(), Server.List("nodeclasses"))
            && Same(claims.List(), Server.List("nodeclaims").Where(o => o["metadata"]?["labels"]?[V1NodeClaim.NodePoolLabel] is not null))))
        {
            // The caches are in-process state the server cannot signal; check again shortly.
            await Task.Delay(10, timeout.Token);
        }

        static bool Same<T>(IEnumerable<T> cached, IEnumerable<JsonObject> stored)
            where T : IKubernetesObject<k8s.Models.V1ObjectMeta> =>
            cached.Select(c => ((string?)c.Metadata.Name, (string?)c.Metadata.ResourceVersion)).Order().SequenceEqual(
                stored.Select(s => ((string?)s["metadata"]!["name"], (string?)s["metadata"]!["resourceVersion"])).Order());
    }

    /// <summary>
    /// Waits until the operator has nothing left to do for <paramref name="name"/>: its caches match the server and a
    /// reconcile started after that (through the queue, as a watch event would) wrote nothing. Any requeue timer the
    /// reconciles asked for is registered by then.
    /// </summary>
    public async Task SettleAsync(string name)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await WaitForCachesAsync();
            var writes = Runtime.Writer.Writes;
            var marker = Reconciles.Sequence;
            ClassQueue.Add(name);
            await Reconciles.WaitForRunAfterAsync(name, marker);
            if (writes == Runtime.Writer.Writes)
            {
                await WaitForCachesAsync();
                return;
            }
        }

        throw new TimeoutException($"{name} did not settle: every reconcile still writes");
    }

    public async ValueTask DisposeAsync()
    {
        await StopOperatorAsync();
        _stop.Dispose();
        if (_ownsServer)
        {
            await Server.DisposeAsync();
        }
    }

    // The tap (when given) sits innermost, so it sees every attempt on the wire, retries included.
    private DelegatingHandler[] Handlers(params DelegatingHandler[] outer) =>
        _tap is null ? outer : [.. outer, _tap()];

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            // Readiness and leadership are flags on the runtime, not server state: yield briefly until they flip.
            try
            {
                await Task.Delay(10, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the operator did not reach {what} within 20 s");
            }
        }
    }
}
