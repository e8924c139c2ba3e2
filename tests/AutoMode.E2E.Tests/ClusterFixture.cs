using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using AutoMode.Aws;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Kubernetes;
using AutoMode.Kubernetes.Events;
using AutoMode.Operator.Controllers;
using AutoMode.Operator.Hosting;
using k8s;
using Microsoft.Extensions.Logging;

namespace AutoMode.E2E.Tests;

/// <summary>
/// One end-to-end run against the cluster in KUBECONFIG: installs the CRDs, starts the operator from this build
/// in-process (the same <see cref="OperatorRuntime"/> composition as <c>run</c>, real clients from
/// <see cref="KubernetesClientFactory"/>, no leader election), and on disposal removes everything the run created:
/// WorkloadClasses labelled <c>e2e-run=&lt;id&gt;</c> (their children go by garbage collection), the IAM policy if it
/// was not there before, and the CRDs it created (unless E2E_KEEP_CRDS is set).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time = TimeProvider.System;
    private Task _running = Task.CompletedTask;
    private FileLoggerProvider? _log;
    private ILoggerFactory? _loggers;
    private KubernetesEventRecorder? _events;
    private CrdInstaller? _crds;
    private bool _started;
    private bool _policyPreExisted;

    /// <summary>Unique per run; prefixes every object name and labels every WorkloadClass.</summary>
    public string RunId { get; } = "e2e" + Guid.NewGuid().ToString("N")[..6];

    internal IKubernetes Client { get; private set; } = null!;

    internal ClusterObjects Objects { get; private set; } = null!;

    internal AutoModeStandIn AutoMode { get; private set; } = null!;

    internal OperatorRuntime Runtime { get; private set; } = null!;

    internal RunOptions Options { get; private set; } = null!;

    /// <summary>Null unless the IAM test is configured (then the operator runs with --cluster-name E2E_CLUSTER_NAME).</summary>
    internal IamAccess? Aws { get; private set; }

    /// <summary>The IAM role and partition the operator manages the policy on (IAM configured only).</summary>
    internal (string RoleName, string Partition) ClusterRole { get; private set; }

    public string LogPath => _log?.Path ?? "(not started)";

    /// <summary>A cluster-unique object name for this run; short enough for the NodePool label value (63).</summary>
    public string Name(string test, string sample) => $"{RunId}-{test}-{sample}";

    public async Task InitializeAsync()
    {
        if (E2eEnvironment.SkipReason is not null)
        {
            return;
        }

        _log = new FileLoggerProvider(Path.Combine(E2eEnvironment.LogDirectory, $"operator-{RunId}.log"), _time);
        _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(_log));
        var timeout = E2eEnvironment.Timeout;
        using var setup = new CancellationTokenSource(timeout * 2);

        // One client per process, as `run` does; the lease client is unused without leader election but built the same way.
        Client = KubernetesClientFactory.Create(KubernetesClientFactory.LoadConfiguration(), logger: _loggers.CreateLogger("AutoMode.E2E.Client"));
        var leaseClient = KubernetesClientFactory.CreateForLeaderElection(KubernetesClientFactory.LoadConfiguration(), TimeSpan.FromSeconds(5));
        Objects = new ClusterObjects(Client);
        AutoMode = new AutoModeStandIn(Objects, _time);

        _crds = new CrdInstaller(Client, Objects);
        if (E2eEnvironment.SkipCrdInstall)
        {
            await _crds.VerifyServedAsync(setup.Token);
        }
        else
        {
            await _crds.InstallAsync(E2eEnvironment.CrdSource(Environment.GetEnvironmentVariable)!, timeout, setup.Token);
        }

        Options = BuildOptions();
        if (E2eEnvironment.IamConfigured)
        {
            Aws = IamAccess.Create(new AwsOptions
            {
                ClusterName = Options.ClusterName,
                ClusterRoleName = Options.ClusterRoleName,
                Region = Options.Region,
                PolicyName = Options.TagPolicyName,
            }, _loggers);
            ClusterRole = await Aws.ClusterRoleAsync(setup.Token);

            // A policy that was there before the run (another operator, Terraform) must outlive it: the in-process
            // operator then keeps it even when the run's tagged classes are gone.
            _policyPreExisted = await Aws.Iam.GetRolePolicyAsync(ClusterRole.RoleName, Options.TagPolicyName, setup.Token) is not null;
            Options = Options with { KeepTagPolicy = Options.KeepTagPolicy || _policyPreExisted };
        }

        _events = new KubernetesEventRecorder(Client, _loggers.CreateLogger<KubernetesEventRecorder>(), new EventRecorderOptions { ReportingInstance = Options.PodName }, _time);
        Runtime = new OperatorRuntime(Client, leaseClient, Options, Aws?.Iam, Aws?.Eks, _events, _time, _loggers,
            onLostLeadership: static () => { });
        _running = Runtime.RunAsync(_stop.Token);
        _started = true;
        while (!Runtime.IsReady)
        {
            if (_running.IsCompleted)
            {
                await _running;
                throw new InvalidOperationException($"The operator stopped before its caches synced; see {LogPath}");
            }

            // Readiness is an in-process flag the runtime does not signal: look again shortly.
            await Task.Delay(50, setup.Token);
        }
    }

    /// <summary>Creates a sample WorkloadClass under <paramref name="name"/>, labelled with the run id.</summary>
    internal Task<JsonObject> ApplySampleAsync(string sample, string name, CancellationToken cancellationToken) =>
        Objects.CreateAsync(Kinds.WorkloadClass, Samples.Load(sample, name, RunId), cancellationToken);

    /// <summary>Waits until the class satisfies <paramref name="predicate"/>; a timeout names the class's conditions and the operator log.</summary>
    internal async Task<JsonObject> WaitForClassAsync(string name, Func<JsonObject, bool> predicate, string what, CancellationToken cancellationToken)
    {
        ThrowIfOperatorStopped();
        try
        {
            return (await Objects.WaitForAsync(Kinds.WorkloadClass, name, o => o is not null && predicate(o), what, E2eEnvironment.Timeout, cancellationToken))!;
        }
        catch (TimeoutException error)
        {
            throw new TimeoutException($"{error.Message}{Environment.NewLine}Operator log: {LogPath}", error);
        }
    }

    /// <summary>Waits for the condition with the given status, reported for the class's current generation.</summary>
    internal Task<JsonObject> WaitForConditionAsync(string name, string type, string status, CancellationToken cancellationToken) =>
        WaitForClassAsync(name, o => Condition(o, type) == status && IsObserved(o), $"condition {type}={status} for the current generation", cancellationToken);

    /// <summary>Makes sure the generated NodeClass and NodePool carry a Ready condition (playing Auto Mode if no one else does).</summary>
    internal async Task<(ChildReadiness NodeClass, ChildReadiness NodePool)> EnsureChildrenReadyAsync(string name, CancellationToken cancellationToken)
    {
        ThrowIfOperatorStopped();
        try
        {
            var nodeClass = AutoMode.EnsureReadyAsync(Kinds.NodeClass, name, E2eEnvironment.Timeout, cancellationToken);
            var nodePool = AutoMode.EnsureReadyAsync(Kinds.NodePool, name, E2eEnvironment.Timeout, cancellationToken);
            return (await nodeClass, await nodePool);
        }
        catch (TimeoutException error)
        {
            var status = (await Objects.GetAsync(Kinds.WorkloadClass, name, cancellationToken))?["status"]?.ToJsonString() ?? "(class absent)";
            throw new TimeoutException($"{error.Message}{Environment.NewLine}WorkloadClass status: {status}{Environment.NewLine}Operator log: {LogPath}", error);
        }
    }

    public static string? Condition(JsonObject? obj, string type, string field = "status") =>
        (obj?["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => (string?)c?["type"] == type)?[field]?.GetValue<string>();

    public static bool IsObserved(JsonObject obj) =>
        obj["status"]?["observedGeneration"]?.GetValue<long>() is { } observed && observed == obj["metadata"]?["generation"]?.GetValue<long>();

    public async Task DisposeAsync()
    {
        if (!_started)
        {
            _loggers?.Dispose();
            _log?.Dispose();
            return;
        }

        var problems = new List<string>();
        using var cleanup = new CancellationTokenSource(E2eEnvironment.Timeout * 3);
        var token = cleanup.Token;

        // The operator keeps running while the run's classes go, so it sees the last tagged class leave.
        var names = (await Objects.ListAsync(Kinds.WorkloadClass, $"{Samples.RunLabel}={RunId}", token))
            .Select(c => c["metadata"]!["name"]!.GetValue<string>()).ToList();
        foreach (var name in names)
        {
            await Objects.DeleteAsync(Kinds.WorkloadClass, name, token);
        }

        foreach (var name in names)
        {
            await Objects.WaitForAsync(Kinds.WorkloadClass, name, o => o is null, "deleted", E2eEnvironment.Timeout, token);
        }

        await WaitUntilCacheDropsAsync(names, token);
        foreach (var name in names)
        {
            await WaitForChildrenGoneAsync(name, problems, token);
        }

        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped on purpose.
        }

        await Runtime.DisposeAsync();
        await _events!.DisposeAsync();
        await SweepLeftoversAsync(token);

        if (Aws is not null)
        {
            await RemovePolicyIfOursAsync(token);
            await Aws.DisposeAsync();
        }

        if (!E2eEnvironment.KeepCrds)
        {
            await _crds!.RemoveCreatedAsync(E2eEnvironment.Timeout, token);
        }

        Client.Dispose();
        _loggers!.Dispose();
        _log!.Dispose();
        _stop.Dispose();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("End-to-end cleanup: " + string.Join("; ", problems));
        }
    }

    private RunOptions BuildOptions()
    {
        // Flags' environment variables (AUTOMODE_IAM_PROPAGATION_DELAY, AWS_REGION, ...) apply as they do to `run`.
        var options = RunOptions.Parse([], Environment.GetEnvironmentVariable, out var errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Operator settings from the environment: " + string.Join("; ", errors));
        }

        return options with
        {
            Kubeconfig = null,
            LeaderElect = false,
            LeaderElectionId = "automode-e2e-" + RunId,
            PodName = "automode-e2e-" + RunId,
            ClusterName = E2eEnvironment.IamConfigured ? E2eEnvironment.ClusterName : "",
        };
    }

    /// <summary>Garbage collection (or the operator's pruning) must remove the children of a deleted class.</summary>
    private async Task WaitForChildrenGoneAsync(string name, List<string> problems, CancellationToken cancellationToken)
    {
        foreach (var kind in new[] { Kinds.NodePool, Kinds.NodeClass })
        {
            try
            {
                await Objects.WaitForAsync(kind, name, o => o is null, "garbage-collected", E2eEnvironment.Timeout, cancellationToken);
            }
            catch (TimeoutException error)
            {
                problems.Add(error.Message);
            }
        }
    }

    /// <summary>Once the operator's cache has no deleted class left, a late event can only prune, never re-create.</summary>
    private async Task WaitUntilCacheDropsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(E2eEnvironment.Timeout);
        while (names.Any(n => Runtime.Classes.Get(n) is not null))
        {
            // The cache is in-process state the API server cannot signal: look again shortly.
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>
    /// Children of this run still present after the operator stopped: a reconcile that read a stale cache can re-create
    /// a child just after garbage collection removed it. A real cluster's garbage collector removes such objects (their
    /// owner's uid is gone); the run deletes them itself so it never leaves anything behind, and logs it.
    /// </summary>
    private async Task SweepLeftoversAsync(CancellationToken cancellationToken)
    {
        var logger = _loggers!.CreateLogger("AutoMode.E2E.Cleanup");
        foreach (var kind in new[] { Kinds.NodePool, Kinds.NodeClass })
        {
            foreach (var child in await Objects.ListAsync(kind, $"{WorkloadClassApi.ManagedByLabel}={WorkloadClassApi.ManagedByValue}", cancellationToken))
            {
                var name = child["metadata"]!["name"]!.GetValue<string>();
                if (name.StartsWith(RunId + "-", StringComparison.Ordinal) && await Objects.DeleteAsync(kind, name, cancellationToken))
                {
                    logger.LogWarning("Swept {Kind} {Name} left after its WorkloadClass was deleted: {Owners}", kind.Kind, name, child["metadata"]?["ownerReferences"]?.ToJsonString());
                }
            }
        }
    }

    private async Task RemovePolicyIfOursAsync(CancellationToken cancellationToken)
    {
        if (_policyPreExisted)
        {
            return;
        }

        // Safety net: the operator removes the policy when the last tagged class goes, unless classes outside this
        // run still carry tags, in which case the policy is theirs now.
        var tagged = (await Objects.ListAsync(Kinds.WorkloadClass, null, cancellationToken)).Any(c => c["spec"]?["tags"] is JsonObject { Count: > 0 });
        if (!tagged && await Aws!.Iam.GetRolePolicyAsync(ClusterRole.RoleName, Options.TagPolicyName, cancellationToken) is not null)
        {
            await Aws.Iam.DeleteRolePolicyAsync(ClusterRole.RoleName, Options.TagPolicyName, cancellationToken);
        }
    }

    private void ThrowIfOperatorStopped()
    {
        if (_running.IsCompleted)
        {
            throw new InvalidOperationException($"The in-process operator has stopped ({_running.Status}); see {LogPath}", _running.Exception);
        }
    }
}
