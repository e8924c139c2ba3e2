using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AutoMode.Benchmarks;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Testing.Kube;
using k8s;

namespace AutoMode.Operator.Tests.Benchmarks;

/// <summary>
/// Issue 12, point 6: `make bench` against a server without the CRDs used to wait forever; it now names the missing
/// CRDs and exits within 30 s. Checked against the fake API server, which answers an unknown resource with 404.
/// </summary>
public sealed class BenchPreflightTests
{
    private static readonly string[] AutoModeCrds = ["nodeclasses.eks.amazonaws.com", "nodepools.karpenter.sh", "nodeclaims.karpenter.sh"];

    [Fact]
    public async Task NoCrds_AllFourAreNamed()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = Client(server);

        var missing = await CrdPreflight.MissingAsync(client, CancellationToken.None);

        Assert.Equal(["workloadclasses.automode.io", .. AutoModeCrds], missing);
    }

    [Fact]
    public async Task OnlyOurCrd_TheAutoModeOnesAreNamed_WithWhereToGetThem()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.AddResource(WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural, WorkloadClassApi.Kind);
        using var client = Client(server);

        var missing = await CrdPreflight.MissingAsync(client, CancellationToken.None);
        var message = CrdPreflight.Describe(missing, "the API server at https://example:6443");

        Assert.Equal(AutoModeCrds, missing);
        Assert.All(AutoModeCrds, name => Assert.Contains(name, message, StringComparison.Ordinal));
        Assert.DoesNotContain("workloadclasses.automode.io", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllServed_NothingMissing()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.AddResource(WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural, WorkloadClassApi.Kind);
        FakeAutoMode.Register(server);
        using var client = Client(server);

        Assert.Empty(await CrdPreflight.MissingAsync(client, CancellationToken.None));
    }

    [Fact]
    public async Task ServerThatNeverAnswers_TimesOutWithinTheBound()
    {
        // Accepts connections and never answers: the preflight must give up, not hang like the informers did.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{port}" });

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(() => CrdPreflight.MissingAsync(client, TimeSpan.FromMilliseconds(500), CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task BenchAgainstAClusterWithoutTheCrds_FailsFast_NamingThem()
    {
        await using var server = await FakeApiServer.StartAsync();
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"bench-preflight-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: {server.BaseAddress}
            users:
            - name: u
              user:
                token: bench
            contexts:
            - name: c
              context:
                cluster: c
                user: u
            current-context: c
            """);
        try
        {
            var options = new BenchOptions { Kubeconfig = kubeconfig, Classes = 2, Processes = false };
            var clock = Stopwatch.StartNew();

            var aborted = await Assert.ThrowsAsync<BenchAbortedException>(() => BenchRunner.RunAsync(options, [], TextWriter.Null, CancellationToken.None));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
            Assert.All(["workloadclasses.automode.io", .. AutoModeCrds], name => Assert.Contains(name, aborted.Message, StringComparison.Ordinal));
            // Nothing was created on the server it could not use.
            Assert.DoesNotContain(server.Requests, r => r.IsWrite);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    private static k8s.Kubernetes Client(FakeApiServer server) =>
        new(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString() });
}
