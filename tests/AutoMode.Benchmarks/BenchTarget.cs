using System.Globalization;
using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty;
using AutoMode.Testing.Kube;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AutoMode.Benchmarks;

/// <summary>
/// The API server under test: the loopback fake (with fake Auto Mode marking NodeClasses and NodePools Ready), or the
/// cluster of BENCH_KUBECONFIG. Every write goes through a plain client, so both behave the same; the fake is only
/// used directly to count the writes a separate operator process makes.
/// </summary>
internal sealed class BenchTarget : IAsyncDisposable
{
    private readonly string? _kubeconfig;
    private readonly string? _generatedKubeconfig;

    private BenchTarget(FakeApiServer? server, string? kubeconfig, string? generatedKubeconfig)
    {
        Server = server;
        _kubeconfig = kubeconfig;
        _generatedKubeconfig = generatedKubeconfig;
        Client = new k8s.Kubernetes(Configuration());
    }

    /// <summary>The fake API server, or null against a real cluster.</summary>
    public FakeApiServer? Server { get; }

    /// <summary>The bench's own client (setup, edits, trackers); its requests are never counted as the operator's.</summary>
    public IKubernetes Client { get; }

    public string KubeconfigPath => _kubeconfig ?? _generatedKubeconfig!;

    public string Description => Server is null
        ? $"the cluster in BENCH_KUBECONFIG ({Configuration().Host})"
        : "the loopback fake API server (tests/AutoMode.Testing/Kube, fake Auto Mode marks NodeClasses and NodePools Ready on creation)";

    public static async Task<BenchTarget> StartAsync(string? kubeconfig, CancellationToken cancellationToken)
    {
        if (kubeconfig is not null)
        {
            return new BenchTarget(null, kubeconfig, null);
        }

        var server = await FakeApiServer.StartAsync(cancellationToken: cancellationToken);
        server.AddResource(WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural, WorkloadClassApi.Kind);
        FakeAutoMode.Install(server);
        var path = Path.Combine(Path.GetTempPath(), $"automode-bench-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {server.BaseAddress}
            users:
            - name: fake
              user:
                token: bench
            contexts:
            - name: fake
              context:
                cluster: fake
                user: fake
            current-context: fake
            """, cancellationToken);
        return new BenchTarget(server, null, path);
    }

    /// <summary>A fresh configuration (clients mutate theirs).</summary>
    public KubernetesClientConfiguration Configuration() => Server is not null
        ? new KubernetesClientConfiguration { Host = Server.BaseAddress.ToString() }
        : KubernetesClientConfiguration.BuildConfigFromConfigFile(_kubeconfig);

    public Task CreateClassesAsync(IReadOnlyList<V1Alpha1WorkloadClass> classes, int parallelism, CancellationToken cancellationToken) =>
        ForEachAsync(classes, parallelism, (c, ct) => Client.CustomObjects.CreateClusterCustomObjectAsync(
            c, WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural, cancellationToken: ct), cancellationToken);

    /// <summary>
    /// NodeClaims as Auto Mode would create them (status included, so they are stored straight into the fake), spread
    /// round-robin over the pools. Never against a real cluster: there a NodeClaim launches an instance.
    /// </summary>
    public void CreateNodeClaims(IReadOnlyList<string> pools, int count, string runId)
    {
        var server = Server ?? throw new InvalidOperationException("NodeClaims are only created on the fake API server");
        for (var i = 0; i < count; i++)
        {
            server.Put(NodeClaimFactory.Create(pools[i % pools.Count], i, runId));
        }
    }

    /// <summary>Sets spec.limits.cpu (a spec change: the generation moves on).</summary>
    public Task EditCpuLimitAsync(string name, int cpu, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["spec"] = new JsonObject { ["limits"] = new JsonObject { ["cpu"] = cpu.ToString(CultureInfo.InvariantCulture) } } };
        return Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural, name, cancellationToken: cancellationToken);
    }

    public Task DeleteAsync(ResourceDescriptor kind, IReadOnlyList<string> names, int parallelism, CancellationToken cancellationToken) =>
        ForEachAsync(names, parallelism, async (name, ct) =>
        {
            try
            {
                await Client.CustomObjects.DeleteClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, name, cancellationToken: ct);
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Already gone (garbage collection got there first).
            }
        }, cancellationToken);

    /// <summary>Write requests the fake server received after <paramref name="sequence"/>, or null against a cluster.</summary>
    public int? ServerWritesAfter(long sequence) => Server?.Requests.Count(r => r.Sequence > sequence && r.IsWrite);

    public long ServerSequence => Server?.Requests is { Count: > 0 } requests ? requests[^1].Sequence : 0;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (_generatedKubeconfig is not null)
        {
            File.Delete(_generatedKubeconfig);
        }
    }

    public static async Task ForEachAsync<T>(IReadOnlyList<T> items, int parallelism, Func<T, CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var next = -1;
        var workers = Enumerable.Range(0, Math.Max(1, parallelism)).Select(_ => Task.Run(
            async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < items.Count)
                {
                    await action(items[i], cancellationToken);
                }
            },
            cancellationToken));
        await Task.WhenAll(workers);
    }
}
