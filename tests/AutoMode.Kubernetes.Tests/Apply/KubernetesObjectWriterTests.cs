using AutoMode.Kubernetes.Apply;
using AutoMode.Kubernetes.Tests.Support;
using AutoMode.Testing.Kube;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Kubernetes.Tests.Apply;

public sealed class KubernetesObjectWriterTests : IAsyncLifetime
{
    private FakeApiServer _server = null!;
    private k8s.Kubernetes _client = null!;
    private KubernetesObjectWriter _writer = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _server.AddResource(Widget.Group, Widget.Version, Widget.Plural, "Widget");
        _client = _server.CreateClient();
        _writer = new KubernetesObjectWriter(_client, NullLogger<KubernetesObjectWriter>.Instance);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Apply_SendsServerSideApplyWithOurFieldManagerAndForce_AndReturnsStoredObject()
    {
        var stored = await _writer.ApplyAsync(Widget.Resource, Intent("a", size: 3), CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(stored.Metadata.Uid));
        Assert.Equal(3, stored.Spec!.Size);
        var request = Assert.Single(_server.Requests, r => r.IsWrite);
        Assert.Equal(("PATCH", "automode-operator", "application/apply-patch+yaml"), (request.Method, request.FieldManager, request.ContentType?.Split(';')[0]));
        Assert.Contains("force=true", request.Query, StringComparison.Ordinal);
        Assert.Equal("automode-operator", _server.Get(Widget.Plural, "a")!["metadata"]!["managedFields"]![0]!["manager"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_OmitsNullFields_AndFillsApiVersionAndKind()
    {
        var intent = Intent("a", size: 1);
        intent.ApiVersion = null!;
        intent.Kind = null!;

        await _writer.ApplyAsync(Widget.Resource, intent, CancellationToken.None);

        var spec = _server.Get(Widget.Plural, "a")!["spec"]!.AsObject();
        Assert.False(spec.ContainsKey("color"), spec.ToJsonString());
        Assert.Equal("Widget", _server.Get(Widget.Plural, "a")!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_SecondTimeWithChange_UpdatesTheObject()
    {
        await _writer.ApplyAsync(Widget.Resource, Intent("a", size: 1), CancellationToken.None);

        var stored = await _writer.ApplyAsync(Widget.Resource, Intent("a", size: 2), CancellationToken.None);

        Assert.Equal(2, stored.Spec!.Size);
        Assert.Equal(2, _server.Get(Widget.Plural, "a")!["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Get_Absent_ReturnsNull_AndPresent_ReturnsObject()
    {
        _server.Put(Widget.Json("a", size: 4));

        Assert.Null(await _writer.GetAsync<Widget>(Widget.Resource, "nope", CancellationToken.None));
        Assert.Equal(4, (await _writer.GetAsync<Widget>(Widget.Resource, "a", CancellationToken.None))!.Spec!.Size);
    }

    [Fact]
    public async Task PatchStatus_MergePatchesThroughTheStatusSubresource_LeavingSpecAlone()
    {
        _server.Put(Widget.Json("a", size: 4));

        await _writer.PatchStatusAsync(Widget.Resource, "a", new WidgetStatus { Phase = "Ready", ObservedGeneration = 1 }, CancellationToken.None);

        var request = Assert.Single(_server.Requests, r => r.IsWrite);
        Assert.Equal(("status", "application/merge-patch+json"), (request.Subresource, request.ContentType?.Split(';')[0]));
        var stored = _server.Get(Widget.Plural, "a")!;
        Assert.Equal("Ready", stored["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(4, stored["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Delete_MatchingUid_DeletesTheObject()
    {
        var uid = _server.Put(Widget.Json("a"))["metadata"]!["uid"]!.GetValue<string>();

        await _writer.DeleteAsync(Widget.Resource, "a", uid, CancellationToken.None);

        Assert.Null(_server.Get(Widget.Plural, "a"));
    }

    [Fact]
    public async Task Delete_Absent_IsSuccess()
    {
        await _writer.DeleteAsync(Widget.Resource, "nope", "some-uid", CancellationToken.None);

        Assert.Equal(404, Assert.Single(_server.Requests, r => r.IsWrite).StatusCode);
    }

    [Fact]
    public async Task Delete_NameNowHeldByAnotherObject_LeavesItAlone_WithoutRetrying()
    {
        var oldUid = _server.Put(Widget.Json("a"))["metadata"]!["uid"]!.GetValue<string>();
        _server.Delete(Widget.Plural, "a");
        var newUid = _server.Put(Widget.Json("a"))["metadata"]!["uid"]!.GetValue<string>();

        await _writer.DeleteAsync(Widget.Resource, "a", oldUid, CancellationToken.None);

        Assert.Equal(newUid, _server.Get(Widget.Plural, "a")!["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(409, Assert.Single(_server.Requests, r => r.IsWrite).StatusCode);
    }

    private static Widget Intent(string name, int size) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "automode-operator" } },
        Spec = new WidgetSpec { Size = size, Color = null },
    };
}
