using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Eks.V1;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Kubernetes.Informers;
using AutoMode.Operator.Controllers;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Benchmarks;

/// <summary>
/// Plays EKS Auto Mode's part on a conformant API server that has no Auto Mode controllers (kind, envtest, kubeadm):
/// watches the NodeClasses and NodePools the operator creates (label <c>automode.io/workload-class</c>) and, for one
/// that carries no <c>Ready</c> condition, sets <c>Ready=True</c> through the <c>/status</c> subresource, as Auto Mode
/// does once it accepts the object (the e2e suite's AutoModeStandIn and tests/AutoMode.Testing/Kube/FakeAutoMode.cs do
/// the same). A Ready someone else wrote is never touched. In <see cref="StandInMode.Auto"/> it first waits
/// <see cref="Grace"/> per object; if any other writer reports Ready meanwhile, Auto Mode is there and the stand-in
/// stops for good; if the grace runs out, nobody is there and it answers at once from then on.
/// </summary>
internal sealed class AutoModeStandIn : IAsyncDisposable
{
    public const string Reason = "BenchStandIn";

    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private const int PatchWorkers = 4;

    private readonly IKubernetes client;
    private readonly TimeProvider time;
    private readonly Action<string> say;
    private readonly CancellationTokenSource stop = new();
    private readonly Channel<(ResourceDescriptor Kind, string Name)> work = Channel.CreateUnbounded<(ResourceDescriptor, string)>();
    private readonly ConcurrentDictionary<string, byte> claimed = new(StringComparer.Ordinal);
    private readonly Informer<V1NodeClass> nodeClasses;
    private readonly Informer<V1NodePool> nodePools;
    private readonly List<Task> running = [];
    private int acted;
    private int failures;
    private volatile bool immediate;
    private volatile bool autoModeAnswered;

    private AutoModeStandIn(IKubernetes client, StandInMode mode, TimeProvider time, Action<string> say)
    {
        this.client = client;
        this.time = time;
        this.say = say;
        immediate = mode == StandInMode.Always;
        var options = new InformerOptions { LabelSelector = WorkloadClassApi.WorkloadClassLabel, ResyncPeriod = TimeSpan.Zero };
        nodeClasses = new Informer<V1NodeClass>(client, Kinds.NodeClass, NullLogger.Instance, options);
        nodePools = new Informer<V1NodePool>(client, Kinds.NodePool, NullLogger.Instance, options);
        nodeClasses.Subscribe(e => OnEvent(Kinds.NodeClass, e.Type, e.New, e.New?.Status?.Conditions));
        nodePools.Subscribe(e => OnEvent(Kinds.NodePool, e.Type, e.New, e.New?.Status?.Conditions));
    }

    /// <summary>NodeClasses and NodePools the stand-in marked Ready.</summary>
    public int Acted => Volatile.Read(ref acted);

    /// <summary>Status patches that failed (each is printed).</summary>
    public int Failures => Volatile.Read(ref failures);

    /// <summary>Someone else (EKS Auto Mode) reported Ready: the stand-in stopped.</summary>
    public bool AutoModeAnswered => autoModeAnswered;

    public static async Task<AutoModeStandIn> StartAsync(IKubernetes client, StandInMode mode, TimeProvider time, Action<string> say, CancellationToken cancellationToken)
    {
        var standIn = new AutoModeStandIn(client, mode, time, say);
        standIn.running.Add(standIn.nodeClasses.RunAsync(standIn.stop.Token));
        standIn.running.Add(standIn.nodePools.RunAsync(standIn.stop.Token));
        for (var i = 0; i < PatchWorkers; i++)
        {
            standIn.running.Add(Task.Run(standIn.PatchLoopAsync, CancellationToken.None));
        }

        await standIn.nodeClasses.WaitForSyncAsync(cancellationToken);
        await standIn.nodePools.WaitForSyncAsync(cancellationToken);
        say(mode == StandInMode.Always
            ? "Auto Mode stand-in: on (sets NodeClass/NodePool Ready via /status)"
            : $"Auto Mode stand-in: waiting {Grace.TotalSeconds:F0} s per warm-up object for an Auto Mode controller to report Ready");
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        work.Writer.TryComplete();
        try
        {
            await Task.WhenAll(running);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped on purpose.
        }

        stop.Dispose();
    }

    private static StatusCondition? Ready(IEnumerable<StatusCondition>? conditions) => conditions?.FirstOrDefault(c => c.Type == "Ready");

    private void OnEvent(ResourceDescriptor kind, InformerEventType type, IKubernetesObject<V1ObjectMeta>? obj, IList<StatusCondition>? conditions)
    {
        if (type == InformerEventType.Deleted || obj is null || autoModeAnswered)
        {
            return;
        }

        var ready = Ready(conditions);
        if (ready is not null)
        {
            if (ready.Reason != Reason && !immediate)
            {
                autoModeAnswered = true;
                say($"Auto Mode stand-in: {kind.Kind} {obj.Metadata.Name} got Ready={ready.Status} ({ready.Reason}) from someone else; EKS Auto Mode is here, standing down");
            }

            return;
        }

        if (!claimed.TryAdd(kind.Plural + "/" + obj.Metadata.Name + "/" + obj.Metadata.Uid, 0))
        {
            return;
        }

        if (immediate)
        {
            work.Writer.TryWrite((kind, obj.Metadata.Name));
            return;
        }

        // Auto mode: give a real controller the grace period before standing in.
        _ = Task.Delay(Grace, time, stop.Token).ContinueWith(
            _ =>
            {
                if (!autoModeAnswered)
                {
                    work.Writer.TryWrite((kind, obj.Metadata.Name));
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    private async Task PatchLoopAsync()
    {
        await foreach (var (kind, name) in work.Reader.ReadAllAsync(stop.Token))
        {
            var current = kind == Kinds.NodeClass
                ? Ready(nodeClasses.Store.Get(name)?.Status?.Conditions)
                : Ready(nodePools.Store.Get(name)?.Status?.Conditions);
            var generation = kind == Kinds.NodeClass ? nodeClasses.Store.Get(name)?.Metadata.Generation : nodePools.Store.Get(name)?.Metadata.Generation;
            if (current is not null || generation is null || autoModeAnswered)
            {
                continue; // reported meanwhile, or deleted
            }

            if (!immediate)
            {
                immediate = true;
                say($"Auto Mode stand-in: nobody reported Ready on {kind.Kind} {name} within {Grace.TotalSeconds:F0} s; no Auto Mode controller here, standing in from now on");
            }

            await PatchReadyAsync(kind, name, generation.Value);
        }
    }

    private async Task PatchReadyAsync(ResourceDescriptor kind, string name, long generation)
    {
        var existing = kind == Kinds.NodeClass ? nodeClasses.Store.Get(name)?.Status?.Conditions : nodePools.Store.Get(name)?.Status?.Conditions;
        var conditions = new JsonArray();
        foreach (var condition in existing ?? [])
        {
            conditions.Add(JsonSerializer.SerializeToNode(condition));
        }

        conditions.Add(new JsonObject
        {
            ["type"] = "Ready",
            ["status"] = "True",
            ["reason"] = Reason,
            ["message"] = "Set by make bench standing in for EKS Auto Mode (no Auto Mode controller on this cluster)",
            ["observedGeneration"] = generation,
            ["lastTransitionTime"] = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
        var patch = new JsonObject { ["status"] = new JsonObject { ["conditions"] = conditions } };
        try
        {
            await client.CustomObjects.PatchClusterCustomObjectStatusAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), kind.Group, kind.Version, kind.Plural, name, cancellationToken: stop.Token);
            Interlocked.Increment(ref acted);
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            // Deleted before Auto Mode (us) got to it: nothing to report on.
        }
        catch (HttpOperationException ex)
        {
            Interlocked.Increment(ref failures);
            say($"Auto Mode stand-in: setting Ready on {kind.Kind} {name} failed: HTTP {(int?)ex.Response?.StatusCode} {ex.Response?.Content}");
        }
    }
}
