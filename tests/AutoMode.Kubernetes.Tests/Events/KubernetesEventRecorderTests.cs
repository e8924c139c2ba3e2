using AutoMode.Kubernetes.Events;
using AutoMode.Kubernetes.Tests.Support;
using AutoMode.Testing.Kube;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AutoMode.Kubernetes.Tests.Events;

public sealed class KubernetesEventRecorderTests : IAsyncLifetime
{
    private static readonly V1ObjectReference Class = new()
    {
        ApiVersion = "automode.io/v1alpha1",
        Kind = "WorkloadClass",
        Name = "general",
        Uid = "3f1c1d7e-0000-4000-8000-000000000001",
    };

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
    public async Task Record_ClusterScopedObject_CreatesEventInDefaultNamespace()
    {
        await using (var recorder = Recorder(new FakeTimeProvider()))
        {
            recorder.Record(Class, EventKind.Warning, "ValidationFailed", "spec.limits.cpu must be positive");
        }

        var e = Assert.Single(_server.List("events", "default"));
        Assert.Equal("Warning", e["type"]!.GetValue<string>());
        Assert.Equal("ValidationFailed", e["reason"]!.GetValue<string>());
        Assert.Equal("spec.limits.cpu must be positive", e["message"]!.GetValue<string>());
        Assert.Equal("automode-operator", e["reportingComponent"]!.GetValue<string>());
        Assert.Equal(Class.Uid, e["involvedObject"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Record_SameEventWithinWindow_IsSentOnce_ButADifferentMessageIsSent()
    {
        await using (var recorder = Recorder(new FakeTimeProvider()))
        {
            recorder.Record(Class, EventKind.Normal, "Applied", "NodePool general applied");
            recorder.Record(Class, EventKind.Normal, "Applied", "NodePool general applied");
            recorder.Record(Class, EventKind.Normal, "Applied", "NodeClass general applied");
        }

        Assert.Equal(2, _server.List("events", "default").Count);
        Assert.Equal(2, _server.Requests.Count(r => r.IsWrite));
    }

    [Fact]
    public async Task Record_SameEventAfterWindow_IsSentAgain()
    {
        var time = new FakeTimeProvider();
        await using (var recorder = Recorder(time))
        {
            recorder.Record(Class, EventKind.Normal, "Applied", "NodePool general applied");
            time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
            recorder.Record(Class, EventKind.Normal, "Applied", "NodePool general applied");
            time.Advance(TimeSpan.FromSeconds(1));
            recorder.Record(Class, EventKind.Normal, "Applied", "NodePool general applied");
        }

        Assert.Equal(2, _server.List("events", "default").Count);
    }

    [Fact]
    public async Task Record_ApiUnreachable_NeverThrows()
    {
        using var dead = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:9/" });
        var recorder = new KubernetesEventRecorder(dead, NullLogger<KubernetesEventRecorder>.Instance, timeProvider: new FakeTimeProvider());

        recorder.Record(Class, EventKind.Warning, "Conflict", "NodePool general is owned by someone else");

        await recorder.DisposeAsync().AsTask().WithTimeout();
    }

    private KubernetesEventRecorder Recorder(TimeProvider time) =>
        new(_client, NullLogger<KubernetesEventRecorder>.Instance, new EventRecorderOptions { ReportingInstance = "test-pod" }, time);
}
