using System.Threading.Channels;
using AutoMode.Kubernetes.Informers;
using AutoMode.Kubernetes.Tests.Support;
using AutoMode.Testing.Kube;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Kubernetes.Tests.Informers;

/// <summary>The informer against the loopback fake API server, over real HTTP with the real client.</summary>
public sealed class InformerTests : IAsyncLifetime, IDisposable
{
    private static readonly InformerOptions Immediate = new() { ResyncPeriod = TimeSpan.Zero, MinBackoff = TimeSpan.Zero };

    private readonly Channel<InformerEvent<Widget>> _events = Channel.CreateUnbounded<InformerEvent<Widget>>();
    private readonly CancellationTokenSource _stop = new();
    private FakeApiServer _server = null!;
    private k8s.Kubernetes? _client;
    private Task? _run;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _server.AddResource(Widget.Group, Widget.Version, Widget.Plural, "Widget");
        _server.AddResource("other.automode.io", "v1", "gadgets", "Gadget");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WithTimeout();
        }

        _client?.Dispose();
        await _server.DisposeAsync();
    }

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task InitialList_ReadsEveryPage_AndDeliversEachObjectAsAdded()
    {
        for (var i = 0; i < 5; i++)
        {
            _server.Put(Widget.Json($"w{i}"));
        }

        var informer = await StartAsync(Immediate with { PageSize = 2 });

        Assert.True(informer.HasSynced);
        Assert.Equal(5, informer.Store.List().Count);
        var added = await NextAsync(5);
        Assert.All(added, e => Assert.Equal(InformerEventType.Added, e.Type));
        Assert.Equal(["w0", "w1", "w2", "w3", "w4"], added.Select(e => e.Object.Metadata.Name).Order());
        var lists = _server.Requests.Where(r => r.Verb == "list" && r.Plural == Widget.Plural).ToList();
        Assert.Equal(3, lists.Count);
        Assert.All(lists, r => Assert.Contains("limit=2", r.Query, StringComparison.Ordinal));
        Assert.Equal(2, lists.Count(r => r.Query.Contains("continue=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WatchEvents_UpdateCacheAndReachHandlers_WithOldAndNew()
    {
        _server.Put(Widget.Json("a", size: 1));
        var informer = await StartAsync(Immediate);
        await NextAsync(1);
        await WaitForWatchesAsync(1);

        _server.Put(Widget.Json("b"));
        var added = (await NextAsync(1))[0];
        _server.Put(Widget.Json("a", size: 2));
        var updated = (await NextAsync(1))[0];
        _server.Delete(Widget.Plural, "a");
        var deleted = (await NextAsync(1))[0];

        Assert.Equal((InformerEventType.Added, "b"), (added.Type, added.Object.Metadata.Name));
        Assert.Equal(InformerEventType.Updated, updated.Type);
        Assert.Equal(1, updated.Old!.Spec!.Size);
        Assert.Equal(2, updated.New!.Spec!.Size);
        Assert.Equal(InformerEventType.Deleted, deleted.Type);
        Assert.Equal(2, deleted.Old!.Spec!.Size);
        Assert.Null(informer.Store.Get("a"));
        Assert.NotNull(informer.Store.Get("b"));
        Assert.Equal(_server.State.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), informer.LastResourceVersion);
    }

    [Fact]
    public async Task Bookmark_AdvancesTheResourceVersionTheNextWatchResumesFrom()
    {
        var informer = await StartAsync(Immediate);
        await WaitForWatchesAsync(1);
        _server.Put(new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "other.automode.io/v1",
            ["kind"] = "Gadget",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "unrelated" },
        });
        var bookmarkRv = _server.State.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(bookmarkRv, informer.LastResourceVersion);

        _server.SendBookmarks();
        _server.DropWatches();

        await _server.WaitForAsync(s => s.Requests.Any(r => r.Verb == "watch" && ResumesFrom(r, bookmarkRv)), TestTimeouts.Default);
        Assert.Equal(bookmarkRv, informer.LastResourceVersion);
        Assert.Single(_server.Requests, r => r.Verb == "list" && r.Plural == Widget.Plural);
    }

    [Fact]
    public async Task DroppedStream_ReconnectsFromLastResourceVersion_AfterBackoffOnTheFakeClock_WithoutRelisting()
    {
        var time = new TimerTrackingTimeProvider();
        _server.Put(Widget.Json("a"));
        var informer = await StartAsync(Immediate with { MinBackoff = TimeSpan.FromSeconds(1) }, time: time, random: new FixedRandom(0));
        await WaitForWatchesAsync(1);
        _server.Put(Widget.Json("b"));
        await NextAsync(2);
        var resumeFrom = informer.LastResourceVersion;

        _server.DropWatches();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _server.Requests.Count(r => r.Verb == "watch"));
        _server.Put(Widget.Json("c"));
        time.Advance(TimeSpan.FromSeconds(1));

        var missed = (await NextAsync(1))[0];
        Assert.Equal((InformerEventType.Added, "c"), (missed.Type, missed.Object.Metadata.Name));
        var watches = _server.Requests.Where(r => r.Verb == "watch").ToList();
        Assert.Equal(2, watches.Count);
        Assert.True(ResumesFrom(watches[1], resumeFrom!), watches[1].Query);
        Assert.Single(_server.Requests, r => r.Verb == "list" && r.Plural == Widget.Plural);
        Assert.Equal(3, informer.Store.List().Count);
    }

    [Fact]
    public async Task RequestRelist_EndsTheWatch_ListsAgainAtOnce_AndWatchesFromTheNewList()
    {
        var time = new TimerTrackingTimeProvider();
        _server.Put(Widget.Json("a"));
        var informer = await StartAsync(Immediate with { MinBackoff = TimeSpan.FromMinutes(1) }, time: time, random: new FixedRandom(0));
        await NextAsync(1);
        await WaitForWatchesAsync(1);
        _server.Put(Widget.Json("a", size: 5));
        await NextAsync(1);

        informer.RequestRelist();

        // No backoff first (the fake clock never moves here), and no event for what the cache already holds.
        await _server.WaitForAsync(s => s.Requests.Count(r => r.Verb == "list" && r.Plural == Widget.Plural) == 2, TestTimeouts.Default);
        await _server.WaitForAsync(s => s.Requests.Count(r => r.Verb == "watch" && r.Plural == Widget.Plural) == 2, TestTimeouts.Default);
        Assert.Equal(5, informer.Store.Get("a")!.Spec!.Size);
        _server.Put(Widget.Json("b"));
        var added = (await NextAsync(1))[0];
        Assert.Equal((InformerEventType.Added, "b"), (added.Type, added.Object.Metadata.Name));
    }

    [Fact]
    public async Task List_SkipsAnUndecodableObject_OnAnyPage_AndCachesTheRest()
    {
        _server.Put(Widget.Json("w0"));
        _server.Put(WrongType("w1"));
        _server.Put(Widget.Json("w2"));
        _server.Put(WrongType("w3", metadataToo: true));
        _server.Put(Widget.Json("w4"));

        var informer = await StartAsync(Immediate with { PageSize = 2 });

        Assert.True(informer.HasSynced);
        Assert.Equal(["w0", "w2", "w4"], informer.Store.List().Select(w => w.Metadata.Name).Order());
        Assert.Equal(1, informer.Store.Get("w2")!.Spec!.Size);
    }

    [Fact]
    public async Task Relist_KeepsTheCachedCopyOfAnObjectThatNoLongerDecodes()
    {
        var time = new TimerTrackingTimeProvider();
        _server.Put(Widget.Json("a", size: 7));
        _server.Put(Widget.Json("b"));
        var informer = await StartAsync(Immediate with { MinBackoff = TimeSpan.FromSeconds(1) }, time: time, random: new FixedRandom(0));
        await NextAsync(2);
        await WaitForWatchesAsync(1);

        _server.DropWatches();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _server.Put(WrongType("a"));
        _server.Delete(Widget.Plural, "b");
        _server.ExpireHistory();
        time.Advance(TimeSpan.FromSeconds(1));

        var deleted = await NextAsync(1);
        Assert.Equal("b", deleted.Single().Object.Metadata.Name);
        await WaitForWatchesAsync(1);
        // Listed but unreadable is not gone: deleting it from the cache would make controllers act on its absence.
        Assert.Equal(7, informer.Store.Get("a")!.Spec!.Size);
        Assert.False(_events.Reader.TryRead(out var extra), $"unexpected {extra?.Type} {extra?.Object.Metadata.Name}");
    }

    /// <summary>A widget as stored with CRD validation off: <c>spec.size</c> (and optionally a metadata field) of the wrong type.</summary>
    private static System.Text.Json.Nodes.JsonObject WrongType(string name, bool metadataToo = false)
    {
        var widget = Widget.Json(name);
        widget["spec"]!["size"] = "big";
        if (metadataToo)
        {
            widget["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonArray("not", "a", "map");
        }

        return widget;
    }

    [Fact]
    public async Task ExpiredHistory_Relists_DeliversVanishedAsDeleted_AndSkipsUnchanged()
    {
        var time = new TimerTrackingTimeProvider();
        _server.Put(Widget.Json("keep"));
        _server.Put(Widget.Json("change", size: 1));
        _server.Put(Widget.Json("vanish"));
        var informer = await StartAsync(Immediate with { MinBackoff = TimeSpan.FromSeconds(1) }, time: time, random: new FixedRandom(0));
        await NextAsync(3);
        await WaitForWatchesAsync(1);

        _server.DropWatches();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _server.Delete(Widget.Plural, "vanish");
        _server.Put(Widget.Json("change", size: 2));
        _server.Put(Widget.Json("new"));
        _server.ExpireHistory();
        time.Advance(TimeSpan.FromSeconds(1));

        var events = await NextAsync(3);
        Assert.Contains(events, e => e is { Type: InformerEventType.Deleted } && e.Object.Metadata.Name == "vanish");
        Assert.Contains(events, e => e is { Type: InformerEventType.Updated, New.Spec.Size: 2 } && e.Object.Metadata.Name == "change");
        Assert.Contains(events, e => e is { Type: InformerEventType.Added } && e.Object.Metadata.Name == "new");
        await WaitForWatchesAsync(1);
        Assert.False(_events.Reader.TryRead(out var extra), $"unexpected {extra?.Type} {extra?.Object.Metadata.Name}");
        Assert.Equal(2, _server.Requests.Count(r => r.Verb == "list" && r.Plural == Widget.Plural));
        Assert.Equal(["change", "keep", "new"], informer.Store.List().Select(w => w.Metadata.Name).Order());
    }

    [Fact]
    public async Task WatchRefusedWithHttp410_Relists()
    {
        _server.Put(Widget.Json("a"));
        var informer = await StartAsync(Immediate, new GoneOnceHandler());
        await NextAsync(1);

        await _server.WaitForAsync(s => s.Requests.Count(r => r.Verb == "list" && r.Plural == Widget.Plural) == 2 && s.OpenWatchesFor(Widget.Plural) == 1, TestTimeouts.Default);

        Assert.True(informer.HasSynced);
        Assert.False(_events.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Resync_RedeliversEveryCachedObject_WithoutAnyApiCall()
    {
        var time = new TimerTrackingTimeProvider();
        _server.Put(Widget.Json("a"));
        _server.Put(Widget.Json("b"));
        await StartAsync(Immediate with { ResyncPeriod = TimeSpan.FromMinutes(10) }, time: time);
        await NextAsync(2);
        await WaitForWatchesAsync(1);
        var requestsBefore = _server.Requests.Count;

        time.Advance(TimeSpan.FromMinutes(10));
        var first = await NextAsync(2);
        time.Advance(TimeSpan.FromMinutes(10));
        var second = await NextAsync(2);

        Assert.All(first.Concat(second), e => Assert.Equal(InformerEventType.Resync, e.Type));
        Assert.Equal(["a", "b"], first.Select(e => e.Object.Metadata.Name).Order());
        Assert.Equal(requestsBefore, _server.Requests.Count);
    }

    [Fact]
    public async Task Transform_IsAppliedBeforeCaching()
    {
        _server.Put(Widget.Json("a", annotations: new Dictionary<string, string> { ["kubectl.kubernetes.io/last-applied-configuration"] = "{}" }));
        Assert.NotNull(_server.Get(Widget.Plural, "a")!["metadata"]!["managedFields"]);
        var informer = await StartAsync(Immediate, transform: w =>
        {
            w.Metadata.ManagedFields = null;
            w.Metadata.Annotations = null;
            return w;
        });
        await NextAsync(1);
        await WaitForWatchesAsync(1);

        _server.Put(Widget.Json("b", annotations: new Dictionary<string, string> { ["x"] = "y" }));
        await NextAsync(1);

        Assert.All(informer.Store.List(), w => Assert.Null(w.Metadata.ManagedFields));
        Assert.All(informer.Store.List(), w => Assert.Null(w.Metadata.Annotations));
    }

    [Fact]
    public async Task LabelIndex_FollowsLabelChanges()
    {
        _server.Put(Widget.Json("a", labels: new Dictionary<string, string> { ["tier"] = "gold" }));
        _server.Put(Widget.Json("b", labels: new Dictionary<string, string> { ["tier"] = "silver" }));
        _server.Put(Widget.Json("c", labels: new Dictionary<string, string> { ["tier"] = "gold" }));
        var informer = await StartAsync(Immediate);
        await NextAsync(3);
        await WaitForWatchesAsync(1);

        Assert.Equal(["a", "c"], informer.Store.ListByLabel("tier", "gold").Select(w => w.Metadata.Name).Order());
        _server.Put(Widget.Json("a", labels: new Dictionary<string, string> { ["tier"] = "silver" }));
        await NextAsync(1);

        Assert.Equal(["c"], informer.Store.ListByLabel("tier", "gold").Select(w => w.Metadata.Name));
        Assert.Equal(["a", "b"], informer.Store.ListByLabel("tier", "silver").Select(w => w.Metadata.Name).Order());
        Assert.Empty(informer.Store.ListByLabel("tier", "bronze"));
    }

    [Fact]
    public async Task LabelSelector_CachesOnlyMatching_AndObjectLeavingTheSelectorIsDeleted()
    {
        var ours = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "automode-operator" };
        _server.Put(Widget.Json("mine", labels: ours));
        _server.Put(Widget.Json("theirs"));
        var informer = await StartAsync(Immediate with { LabelSelector = "app.kubernetes.io/managed-by=automode-operator" });
        await NextAsync(1);
        await WaitForWatchesAsync(1);

        Assert.Equal(["mine"], informer.Store.List().Select(w => w.Metadata.Name));
        _server.Put(Widget.Json("mine"));
        var left = (await NextAsync(1))[0];

        Assert.Equal((InformerEventType.Deleted, "mine"), (left.Type, left.Object.Metadata.Name));
        Assert.Empty(informer.Store.List());
    }

    private async Task<Informer<Widget>> StartAsync(
        InformerOptions options,
        DelegatingHandler? handler = null,
        Func<Widget, Widget>? transform = null,
        TimeProvider? time = null,
        Random? random = null)
    {
        _client = handler is null ? _server.CreateClient() : _server.CreateClient(handler);
        var informer = new Informer<Widget>(_client, Widget.Resource, NullLogger.Instance, options, transform, time, random);
        informer.Subscribe(e => _events.Writer.TryWrite(e));
        _run = informer.RunAsync(_stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WithTimeout();
        return informer;
    }

    private async Task<IReadOnlyList<InformerEvent<Widget>>> NextAsync(int count)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Default);
        var events = new List<InformerEvent<Widget>>();
        while (events.Count < count)
        {
            events.Add(await _events.Reader.ReadAsync(cts.Token));
        }

        return events;
    }

    private static bool ResumesFrom(RecordedRequest request, string resourceVersion) =>
        request.Query.TrimStart('?').Split('&').Contains($"resourceVersion={resourceVersion}");

    private Task WaitForWatchesAsync(int open) =>
        _server.WaitForAsync(s => s.OpenWatchesFor(Widget.Plural) == open, TestTimeouts.Default);
}
