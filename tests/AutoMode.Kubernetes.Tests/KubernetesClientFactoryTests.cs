using AutoMode.Kubernetes.Http;
using AutoMode.Kubernetes.Tests.Support;
using AutoMode.Testing.Kube;
using k8s;
using k8s.Autorest;

namespace AutoMode.Kubernetes.Tests;

public sealed class KubernetesClientFactoryTests : IAsyncLifetime
{
    private FakeApiServer _server = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _server.AddResource(Widget.Group, Widget.Version, Widget.Plural, "Widget");
        _kubeconfig = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(_kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {_server.BaseAddress}
            users:
            - name: fake
              user:
                token: t
            contexts:
            - name: fake
              context:
                cluster: fake
                user: fake
            current-context: fake
            """);
    }

    public async Task DisposeAsync()
    {
        File.Delete(_kubeconfig);
        await _server.DisposeAsync();
    }

    [Fact]
    public void LoadConfiguration_ExplicitPath_WinsOverKubeconfigVariable()
    {
        var config = KubernetesClientFactory.LoadConfiguration(_kubeconfig, _ => "/does/not/exist", () => true);

        Assert.Equal(_server.BaseAddress.ToString().TrimEnd('/'), config.Host.TrimEnd('/'));
    }

    [Fact]
    public void LoadConfiguration_KubeconfigVariable_IsUsedBeforeInCluster()
    {
        var config = KubernetesClientFactory.LoadConfiguration(null, name => name == "KUBECONFIG" ? _kubeconfig : null, () => true);

        Assert.Equal(_server.BaseAddress.ToString().TrimEnd('/'), config.Host.TrimEnd('/'));
    }

    [Fact]
    public async Task Create_RetriesTransientFailures_ButLeaderElectionClientDoesNot()
    {
        _server.Put(Widget.Json("a"));
        _server.Faults = new FaultPlan(1) { ServiceUnavailable = 1.0, Verbs = { "get" } };
        var retry = new RetryHandlerOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) };
        using var main = KubernetesClientFactory.Create(KubernetesClientFactory.LoadConfiguration(_kubeconfig), retry);
        using var election = KubernetesClientFactory.CreateForLeaderElection(KubernetesClientFactory.LoadConfiguration(_kubeconfig), TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<HttpOperationException>(() => main.CustomObjects.GetClusterCustomObjectAsync(Widget.Group, Widget.Version, Widget.Plural, "a"));
        var afterMain = _server.Requests.Count(r => r.Verb == "get");
        await Assert.ThrowsAsync<HttpOperationException>(() => election.CustomObjects.GetClusterCustomObjectAsync(Widget.Group, Widget.Version, Widget.Plural, "a"));

        Assert.Equal(3, afterMain);
        Assert.Equal(4, _server.Requests.Count(r => r.Verb == "get"));
    }
}
