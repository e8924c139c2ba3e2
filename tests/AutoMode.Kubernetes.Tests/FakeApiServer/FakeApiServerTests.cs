using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoMode.Testing.Kube;
using k8s;
using k8s.Autorest;
using k8s.Models;
using static AutoMode.Kubernetes.Tests.FakeApi.Widgets;

namespace AutoMode.Kubernetes.Tests.FakeApi;

/// <summary>Wire compatibility of the fake API server with the real KubernetesClient over real HTTP.</summary>
public sealed class FakeApiServerTests : FakeServerTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    protected override void Configure(FakeApiServer server)
    {
        server.AddResource(Group, Widgets.Version, Plural, "Widget", namespaced: false, hasStatusSubresource: true);
    }

    // ---- CRUD ----

    [Fact]
    public async Task Create_ThenGet_ReturnsServerAssignedMetadata()
    {
        var created = await CreateAsync(Widget("a", new JsonObject { ["size"] = 1 }));

        var metadata = created["metadata"]!;
        Assert.False(string.IsNullOrEmpty(metadata["uid"]?.GetValue<string>()));
        Assert.Equal(1, metadata["generation"]!.GetValue<long>());
        Assert.NotNull(metadata["creationTimestamp"]);
        var fetched = await Client.CustomObjects.GetClusterCustomObjectAsync<JsonObject>(Group, Widgets.Version, Plural, "a");
        Assert.Equal(metadata["resourceVersion"]!.GetValue<string>(), fetched["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(1, fetched["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_ExistingName_Fails409AlreadyExists()
    {
        await CreateAsync(Widget("a"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => CreateAsync(Widget("a")));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("\"AlreadyExists\"", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithStatus_DropsStatusLikeACrdWithStatusSubresource()
    {
        var body = Widget("a");
        body["status"] = new JsonObject { ["phase"] = "Ready" };

        var created = await CreateAsync(body);

        Assert.Null(created["status"]);
    }

    [Fact]
    public async Task Get_Absent_Fails404()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => Client.CustomObjects.GetClusterCustomObjectAsync<JsonObject>(Group, Widgets.Version, Plural, "nope"));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    public static TheoryData<string, string[], string> SelectorCases => new()
    {
        { "tier=gold", ["a", "c"], "equality" },
        { "tier==gold", ["a", "c"], "double-equals equality" },
        { "tier!=gold", ["b", "d"], "inequality includes objects without the label" },
        { "tier", ["a", "b", "c"], "existence" },
        { "!tier", ["d"], "non-existence" },
        { "tier=gold,zone=a", ["a"], "comma means AND" },
        { "tier in (gold,silver)", ["a", "b", "c"], "set membership" },
        { "tier notin (gold)", ["b", "d"], "set exclusion includes objects without the label" },
    };

    [Theory]
    [MemberData(nameof(SelectorCases))]
    public async Task List_LabelSelector_ReturnsMatchingObjects(string selector, string[] expected, string reason)
    {
        Server.Put(Widget("a", labels: new() { ["tier"] = "gold", ["zone"] = "a" }));
        Server.Put(Widget("b", labels: new() { ["tier"] = "silver" }));
        Server.Put(Widget("c", labels: new() { ["tier"] = "gold", ["zone"] = "b" }));
        Server.Put(Widget("d"));

        var list = await Client.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(Group, Widgets.Version, Plural, labelSelector: selector);

        Assert.True(expected.SequenceEqual(Names(list)), reason);
        Assert.Equal(Server.State.ResourceVersion.ToString(), list["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_WithLimit_PagesThroughContinueTokens()
    {
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            Server.Put(Widget(name));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Client.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(Group, Widgets.Version, Plural, continueParameter: token, limit: 2);
            seen.AddRange(Names(page));
            token = page["metadata"]!["continue"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        Assert.Equal(["a", "b", "c", "d", "e"], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Replace_StaleResourceVersion_Fails409AndKeepsObject()
    {
        var created = await CreateAsync(Widget("a", new JsonObject { ["size"] = 1 }));
        var stale = (JsonObject)created.DeepClone();
        await Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("{\"spec\":{\"size\":2}}", V1Patch.PatchType.MergePatch), Group, Widgets.Version, Plural, "a");
        stale["spec"]!["size"] = 3;

        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => Client.CustomObjects.ReplaceClusterCustomObjectAsync(stale, Group, Widgets.Version, Plural, "a"));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal(2, Server.Get(Plural, "a")!["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task JsonPatch_ReplacesField()
    {
        await CreateAsync(Widget("a", new JsonObject { ["size"] = 1 }));

        await Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("[{\"op\":\"replace\",\"path\":\"/spec/size\",\"value\":7}]", V1Patch.PatchType.JsonPatch), Group, Widgets.Version, Plural, "a");

        Assert.Equal(7, Server.Get(Plural, "a")!["spec"]!["size"]!.GetValue<int>());
    }

    // ---- server-side apply ----

    [Fact]
    public async Task Apply_AbsentObject_CreatesItWithApplyManagedFields()
    {
        using var response = await ApplyAsync(Widget("a", new JsonObject { ["limits"] = new JsonObject { ["cpu"] = "10" } }), "operator");

        Assert.Equal(HttpStatusCode.Created, response.Response.StatusCode);
        var managed = Assert.Single(Server.Get(Plural, "a")!["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal("operator", managed["manager"]!.GetValue<string>());
        Assert.Equal("Apply", managed["operation"]!.GetValue<string>());
        Assert.Equal("FieldsV1", managed["fieldsType"]!.GetValue<string>());
        Assert.Equal(ApiVersion, managed["apiVersion"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("{\"f:spec\":{\"f:limits\":{\"f:cpu\":{}}}}"),
            managed["fieldsV1"]));
    }

    [Fact]
    public async Task Apply_SameIntentTwice_KeepsResourceVersionAndSendsNoEvent()
    {
        var intent = Widget("a", new JsonObject { ["size"] = 1 }, labels: new() { ["team"] = "x" });
        using var first = await ApplyAsync(intent, "operator");
        var rv = Server.State.ResourceVersion;

        using var second = await ApplyAsync(intent, "operator");

        Assert.Equal(HttpStatusCode.OK, second.Response.StatusCode);
        Assert.Equal(rv, Server.State.ResourceVersion);
        Assert.Equal(rv.ToString(), JsonSerializer.SerializeToNode(second.Body)!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_WithAStaleResourceVersion_Fails409_WithTheCurrentOneSucceeds()
    {
        using var first = await ApplyAsync(Widget("a", new JsonObject { ["size"] = 1 }), "human");
        var seen = JsonSerializer.SerializeToNode(first.Body)!["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var _ = await ApplyAsync(Widget("a", new JsonObject { ["size"] = 2 }), "human");

        var stale = Widget("a", new JsonObject { ["size"] = 3 });
        stale["metadata"]!["resourceVersion"] = seen;
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(stale, "operator", force: true));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal(2, Server.State.Get(Plural, "a")!["spec"]!["size"]!.GetValue<int>());
        var current = Widget("a", new JsonObject { ["size"] = 3 });
        current["metadata"]!["resourceVersion"] = Server.State.Get(Plural, "a")!["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var applied = await ApplyAsync(current, "operator", force: true);
        Assert.Equal(3, Server.State.Get(Plural, "a")!["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Apply_ASecondControllerReference_Fails422LikeObjectMetaValidation()
    {
        static JsonObject Owned(string uid, string name)
        {
            var widget = Widget("a");
            widget["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "example.com/v1", ["kind"] = "Owner", ["name"] = name, ["uid"] = uid, ["controller"] = true,
            });
            return widget;
        }

        using var _ = await ApplyAsync(Owned("uid-1", "first"), "human");

        // ownerReferences is a map keyed by uid: the second apply merges a second controller reference beside the first.
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(Owned("uid-2", "second"), "operator", force: true));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains("Only one reference can have Controller set to true", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_FieldOwnedByAnotherManagerWithDifferentValue_Fails409NamingThatManager()
    {
        using var _ = await ApplyAsync(Widget("a", new JsonObject { ["size"] = 1 }), "operator");
        using var __ = await ApplyAsync(Widget("a", new JsonObject { ["size"] = 2 }), "human", force: true);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(Widget("a", new JsonObject { ["size"] = 1 }), "operator"));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var status = JsonNode.Parse(error.Response.Content)!;
        var cause = Assert.Single(status["details"]!["causes"]!.AsArray())!;
        Assert.Equal("FieldManagerConflict", cause["type"]!.GetValue<string>());
        Assert.Equal(".spec.size", cause["field"]!.GetValue<string>());
        Assert.Contains("\"human\"", cause["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, Server.Get(Plural, "a")!["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Apply_SameValueAsAnotherManager_SharesOwnershipWithoutConflict()
    {
        using var _ = await ApplyAsync(Widget("a", new JsonObject { ["size"] = 1 }), "human");

        using var response = await ApplyAsync(Widget("a", new JsonObject { ["size"] = 1 }), "operator");

        Assert.Equal(HttpStatusCode.OK, response.Response.StatusCode);
        var managers = Managers(Server.Get(Plural, "a")!);
        Assert.Equal(["human/Apply", "operator/Apply"], managers.Order());
    }

    [Fact]
    public async Task Apply_WithForce_TakesOwnershipFromTheOtherManager()
    {
        using var _ = await ApplyAsync(Widget("a", new JsonObject { ["size"] = 1, ["color"] = "red" }), "human");

        using var response = await ApplyAsync(Widget("a", new JsonObject { ["size"] = 2 }), "operator", force: true);

        var stored = Server.Get(Plural, "a")!;
        Assert.Equal(2, stored["spec"]!["size"]!.GetValue<int>());
        var fields = stored["metadata"]!["managedFields"]!.AsArray();
        var human = fields.Single(f => f!["manager"]!.GetValue<string>() == "human")!;
        var op = fields.Single(f => f!["manager"]!.GetValue<string>() == "operator")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"f:spec\":{\"f:color\":{}}}"), human["fieldsV1"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"f:spec\":{\"f:size\":{}}}"), op["fieldsV1"]));
    }

    [Fact]
    public async Task Apply_FieldNoLongerApplied_IsRemovedUnlessAnotherManagerOwnsIt()
    {
        using var _ = await ApplyAsync(Widget("a", new JsonObject { ["size"] = 1, ["color"] = "red", ["shape"] = "round" }, labels: new() { ["x"] = "1", ["y"] = "2" }), "operator");
        using var __ = await ApplyAsync(Widget("a", new JsonObject { ["shape"] = "round" }), "human");

        using var ___ = await ApplyAsync(Widget("a", new JsonObject { ["size"] = 1 }, labels: new() { ["x"] = "1" }), "operator");

        var stored = Server.Get(Plural, "a")!;
        Assert.Null(stored["spec"]!["color"]);
        Assert.Equal("round", stored["spec"]!["shape"]!.GetValue<string>());
        Assert.Null(stored["metadata"]!["labels"]!["y"]);
        Assert.Equal("1", stored["metadata"]!["labels"]!["x"]!.GetValue<string>());
    }

    [Fact]
    public async Task MergePatch_RecordsUpdateManagerAndTakesOwnershipFromTheApplier()
    {
        using var _ = await ApplyAsync(Widget("a", new JsonObject { ["size"] = 1 }), "operator");

        await Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("{\"spec\":{\"size\":5}}", V1Patch.PatchType.MergePatch), Group, Widgets.Version, Plural, "a", fieldManager: "kubectl-edit");

        Assert.Equal(["kubectl-edit/Update"], Managers(Server.Get(Plural, "a")!));
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(Widget("a", new JsonObject { ["size"] = 1 }), "operator"));
        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
    }

    [Fact]
    public async Task Apply_WithoutFieldManager_IsRejected()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync(
            new V1Patch(Widget("a").ToJsonString(), V1Patch.PatchType.ApplyPatch), Group, Widgets.Version, Plural, "a"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Null(Server.Get(Plural, "a"));
    }

    [Fact]
    public async Task Apply_YamlBody_IsUnderstood()
    {
        const string yaml = """
            apiVersion: test.automode.io/v1
            kind: Widget
            metadata:
              name: a
            spec:
              size: 3
              name: "007"
            """;

        // The client only sends JSON, so this goes over plain HTTP as kubectl would.
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        using var content = new StringContent(yaml, System.Text.Encoding.UTF8, "application/apply-patch+yaml");
        using var response = await http.PatchAsync($"apis/{Group}/{Widgets.Version}/{Plural}/a?fieldManager=yaml", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var spec = Server.Get(Plural, "a")!["spec"]!;
        Assert.Equal(3, spec["size"]!.GetValue<long>());
        Assert.Equal("007", spec["name"]!.GetValue<string>());
    }

    // ---- status subresource and generation ----

    [Fact]
    public async Task StatusWrite_ChangesOnlyStatusAndNotGeneration()
    {
        await CreateAsync(Widget("a", new JsonObject { ["size"] = 1 }));

        await Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("{\"spec\":{\"size\":9},\"status\":{\"phase\":\"Ready\"}}", V1Patch.PatchType.MergePatch), Group, Widgets.Version, Plural, "a");

        var stored = Server.Get(Plural, "a")!;
        Assert.Equal("Ready", stored["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(1, stored["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(1, stored["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task MainResourceWrite_IgnoresStatusAndBumpsGenerationOnlyForSpec()
    {
        await CreateAsync(Widget("a", new JsonObject { ["size"] = 1 }));
        Server.SetStatus(Plural, "a", new JsonObject { ["phase"] = "Ready" });

        await Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("{\"metadata\":{\"labels\":{\"l\":\"1\"}},\"status\":{\"phase\":\"Broken\"}}", V1Patch.PatchType.MergePatch), Group, Widgets.Version, Plural, "a");
        var afterMetadata = Server.Get(Plural, "a")!;
        await Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("{\"spec\":{\"size\":2}}", V1Patch.PatchType.MergePatch), Group, Widgets.Version, Plural, "a");
        var afterSpec = Server.Get(Plural, "a")!;

        Assert.Equal("Ready", afterMetadata["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(1, afterMetadata["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(2, afterSpec["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task ApplyStatus_TracksStatusSubresourceManagerSeparately()
    {
        using var _ = await ApplyAsync(Widget("a", new JsonObject { ["size"] = 1 }), "operator");
        var status = Widget("a");
        status["status"] = new JsonObject { ["observedGeneration"] = 1 };

        using var __ = await Client.CustomObjects.PatchClusterCustomObjectStatusWithHttpMessagesAsync(
            new V1Patch(status.ToJsonString(), V1Patch.PatchType.ApplyPatch), Group, Widgets.Version, Plural, "a", fieldManager: "operator", force: true);

        var stored = Server.Get(Plural, "a")!;
        Assert.Equal(1, stored["status"]!["observedGeneration"]!.GetValue<long>());
        var statusEntry = stored["metadata"]!["managedFields"]!.AsArray().Single(f => f!["subresource"]?.GetValue<string>() == "status")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"f:status\":{\"f:observedGeneration\":{}}}"), statusEntry["fieldsV1"]));
        Assert.Equal(1, stored["spec"]!["size"]!.GetValue<int>());
    }

    // ---- delete, finalizers, garbage collection ----

    [Fact]
    public async Task Delete_UidPreconditionMismatch_Fails409AndKeepsObject()
    {
        await CreateAsync(Widget("a"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.DeleteClusterCustomObjectWithHttpMessagesAsync(
            Group, Widgets.Version, Plural, "a", new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "not-the-uid" } }));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.NotNull(Server.Get(Plural, "a"));
    }

    [Fact]
    public async Task Delete_MatchingUidPrecondition_RemovesObject()
    {
        var created = await CreateAsync(Widget("a"));
        var uid = created["metadata"]!["uid"]!.GetValue<string>();

        using var response = await Client.CustomObjects.DeleteClusterCustomObjectWithHttpMessagesAsync(
            Group, Widgets.Version, Plural, "a", new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = uid } });

        Assert.Equal(HttpStatusCode.OK, response.Response.StatusCode);
        Assert.Null(Server.Get(Plural, "a"));
    }

    [Fact]
    public async Task Delete_StaleResourceVersionPrecondition_Fails409()
    {
        var created = await CreateAsync(Widget("a"));
        Server.Put(Widget("a", new JsonObject { ["size"] = 2 }));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.DeleteClusterCustomObjectWithHttpMessagesAsync(
            Group, Widgets.Version, Plural, "a", new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = created["metadata"]!["resourceVersion"]!.GetValue<string>() } }));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
    }

    [Fact]
    public async Task Delete_Absent_Fails404()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => Client.CustomObjects.DeleteClusterCustomObjectWithHttpMessagesAsync(Group, Widgets.Version, Plural, "nope"));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    [Fact]
    public async Task Delete_WithFinalizer_MarksDeletionThenRemovesWhenFinalizerIsCleared()
    {
        var body = Widget("a");
        body["metadata"]!["finalizers"] = new JsonArray("automode.io/cleanup");
        await CreateAsync(body);
        await using var watch = Watch(Server.State.ResourceVersion.ToString());

        await Client.CustomObjects.DeleteClusterCustomObjectAsync(Group, Widgets.Version, Plural, "a");
        var marked = Server.Get(Plural, "a");
        var modified = await watch.NextAsync();
        await Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), Group, Widgets.Version, Plural, "a");
        var deleted = await watch.NextAsync();

        Assert.NotNull(marked?["metadata"]?["deletionTimestamp"]);
        Assert.Equal(WatchEventType.Modified, modified.Type);
        Assert.Equal(WatchEventType.Deleted, deleted.Type);
        Assert.Null(Server.Get(Plural, "a"));
    }

    [Fact]
    public async Task Update_AddingFinalizerWhileDeleting_IsRejected()
    {
        var body = Widget("a");
        body["metadata"]!["finalizers"] = new JsonArray("one");
        await CreateAsync(body);
        await Client.CustomObjects.DeleteClusterCustomObjectAsync(Group, Widgets.Version, Plural, "a");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("{\"metadata\":{\"finalizers\":[\"one\",\"two\"]}}", V1Patch.PatchType.MergePatch), Group, Widgets.Version, Plural, "a"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
    }

    [Fact]
    public async Task RemovingOwner_GarbageCollectsDependentsAndHonoursTheirFinalizers()
    {
        var owner = await CreateAsync(Widget("owner"));
        var ownerRef = new JsonArray(new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "Widget",
            ["name"] = "owner",
            ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
            ["controller"] = true,
        });
        var plain = Widget("plain-child");
        plain["metadata"]!["ownerReferences"] = ownerRef.DeepClone();
        var guarded = Widget("guarded-child");
        guarded["metadata"]!["ownerReferences"] = ownerRef.DeepClone();
        guarded["metadata"]!["finalizers"] = new JsonArray("keep");
        await CreateAsync(plain);
        await CreateAsync(guarded);
        await CreateAsync(Widget("unrelated"));

        await Client.CustomObjects.DeleteClusterCustomObjectAsync(Group, Widgets.Version, Plural, "owner");

        Assert.Null(Server.Get(Plural, "plain-child"));
        Assert.NotNull(Server.Get(Plural, "guarded-child")!["metadata"]!["deletionTimestamp"]);
        Assert.NotNull(Server.Get(Plural, "unrelated"));
    }

    [Fact]
    public async Task GarbageCollectionOff_LeavesDependents()
    {
        Server.GarbageCollection = false;
        var owner = await CreateAsync(Widget("owner"));
        var child = Widget("child");
        child["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "Widget",
            ["name"] = "owner",
            ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
        });
        await CreateAsync(child);

        Server.Delete(Plural, "owner");

        Assert.NotNull(Server.Get(Plural, "child"));
    }

    // ---- watch ----

    [Fact]
    public async Task Watch_FromListResourceVersion_ReplaysLaterEventsThenStreams()
    {
        Server.Put(Widget("before"));
        var list = await Client.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(Group, Widgets.Version, Plural);
        var rv = list["metadata"]!["resourceVersion"]!.GetValue<string>();
        Server.Put(Widget("replayed"));

        await using var watch = Watch(rv);
        var replayed = await watch.NextAsync();
        await CreateAsync(Widget("live"));
        var live = await watch.NextAsync();
        Server.Delete(Plural, "live");
        var deleted = await watch.NextAsync();

        Assert.Equal((WatchEventType.Added, "replayed"), (replayed.Type, Name(replayed.Object)));
        Assert.Equal((WatchEventType.Added, "live"), (live.Type, Name(live.Object)));
        Assert.Equal((WatchEventType.Deleted, "live"), (deleted.Type, Name(deleted.Object)));
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_SendsSyntheticAddedForExistingObjects()
    {
        Server.Put(Widget("a"));
        Server.Put(Widget("b"));

        await using var watch = Watch(resourceVersion: null);

        Assert.Equal("a", Name((await watch.NextAsync()).Object));
        Assert.Equal("b", Name((await watch.NextAsync()).Object));
    }

    [Fact]
    public async Task Watch_LabelSelector_TurnsMatchChangesIntoAddedAndDeleted()
    {
        Server.Put(Widget("a"));
        var rv = Server.State.ResourceVersion.ToString();
        await using var watch = Watch(rv, labelSelector: "tier=gold");

        Server.Put(Widget("a", labels: new() { ["tier"] = "gold" }));
        var added = await watch.NextAsync();
        Server.Put(Widget("a", labels: new() { ["tier"] = "bronze" }));
        var deleted = await watch.NextAsync();

        Assert.Equal(WatchEventType.Added, added.Type);
        Assert.Equal(WatchEventType.Deleted, deleted.Type);
    }

    [Fact]
    public async Task Watch_SendBookmarks_DeliversBookmarkWithCurrentResourceVersion()
    {
        var rv = Server.State.ResourceVersion.ToString();
        await using var watch = Watch(rv, bookmarks: true);
        await Server.WaitForAsync(s => s.OpenWatchCount == 1, Patience);
        Server.Put(Widget("a"));
        Assert.Equal(WatchEventType.Added, (await watch.NextAsync()).Type);

        Server.SendBookmarks();
        var bookmark = await watch.NextAsync();

        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        Assert.Equal(Server.State.ResourceVersion.ToString(), bookmark.Object["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("Widget", bookmark.Object["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_FromCompactedResourceVersion_GetsExpiredErrorAndEnds()
    {
        Server.Put(Widget("a"));
        var old = Server.State.ResourceVersion.ToString();
        Server.Put(Widget("b"));
        Server.ExpireHistory();

        await using var watch = Watch(old);
        var events = await watch.DrainToEndAsync();

        Assert.Empty(events);
        var error = Assert.IsType<KubernetesException>(Assert.Single(watch.Errors));
        Assert.Equal(410, error.Status.Code);
        Assert.Equal("Expired", error.Status.Reason);
    }

    [Fact]
    public async Task Watch_OlderThanHistoryLimit_GetsExpired()
    {
        Server.HistoryLimit = 2;
        Server.Put(Widget("first"));
        var old = Server.State.ResourceVersion.ToString();
        foreach (var name in new[] { "a", "b", "c" })
        {
            Server.Put(Widget(name));
        }

        await using var watch = Watch(old);
        await watch.DrainToEndAsync();

        Assert.Equal(410, Assert.IsType<KubernetesException>(Assert.Single(watch.Errors)).Status.Code);
    }

    [Fact]
    public async Task DropWatches_EndsOpenStreams()
    {
        await using var watch = Watch(Server.State.ResourceVersion.ToString());
        Server.Put(Widget("a"));
        await watch.NextAsync();

        Server.DropWatches();

        await watch.Completion.WaitAsync(Patience);
        Assert.Null(watch.Failure);
        Assert.Equal(0, Server.State.OpenWatchCount);
    }

    [Fact]
    public async Task DropWatches_BeforeFirstEvent_SurfacesAsAnHttpErrorInTheClient()
    {
        // The client peeks the first line of a watch response; a stream closed with no line at all (as a real server
        // does on timeout with nothing to send) reaches the caller as an HttpRequestException.
        await using var watch = Watch(Server.State.ResourceVersion.ToString());
        await Server.WaitForAsync(s => s.OpenWatchCount == 1, Patience);

        Server.DropWatches();

        await watch.Completion.WaitAsync(Patience);
        Assert.IsType<HttpRequestException>(watch.Failure);
    }

    [Fact]
    public async Task Watch_TimeoutSeconds_EndsTheStream()
    {
        Server.Put(Widget("a"));
        await using var watch = new WatchRecorder((onError, ct) => Client.CustomObjects.WatchListClusterCustomObjectAsync(
            Group, Widgets.Version, Plural, resourceVersion: "0", timeoutSeconds: 1, onError: onError, cancellationToken: ct));

        await watch.Completion.WaitAsync(Patience);

        Assert.Null(watch.Failure);
        Assert.Single(await watch.DrainToEndAsync());
    }

    // ---- request log ----

    [Fact]
    public async Task RequestLog_RecordsWritesWithContentTypeAndFieldManager()
    {
        await Client.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(Group, Widgets.Version, Plural);
        using var _ = await ApplyAsync(Widget("a"), "operator");
        await Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("{\"status\":{\"phase\":\"x\"}}", V1Patch.PatchType.MergePatch), Group, Widgets.Version, Plural, "a", fieldManager: "operator");

        var apply = Assert.Single(Server.Requests, r => r.Verb == "patch" && r.Subresource is null);
        var status = Assert.Single(Server.Requests, r => r.Subresource == "status");
        Assert.Equal(2, Server.WritesFor(Plural));
        Assert.StartsWith("application/apply-patch+yaml", apply.ContentType, StringComparison.Ordinal);
        Assert.Equal("operator", apply.FieldManager);
        Assert.Equal(201, apply.StatusCode);
        Assert.Equal("PATCH", status.Method);
        Assert.Single(Server.Requests, r => r.Verb == "list" && !r.IsWrite);

        Server.ResetCounters();
        Assert.Equal(0, Server.WritesFor(Plural));
    }

    [Fact]
    public async Task WaitForAsync_WakesOnStateChange()
    {
        var waiting = Server.WaitForAsync(s => s.Get(Plural, "late") is not null, Patience);
        Assert.False(waiting.IsCompleted);

        await CreateAsync(Widget("late"));

        await waiting;
    }

    [Fact]
    public async Task WaitForAsync_ConditionNeverHolds_ThrowsTimeout()
    {
        await Assert.ThrowsAsync<TimeoutException>(() => Server.WaitForAsync(_ => false, TimeSpan.FromMilliseconds(50)));
    }

    // ---- built-ins ----

    [Fact]
    public async Task Lease_CreateAndReplace_WorkThroughTypedCoordinationClient()
    {
        var lease = new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "leader", NamespaceProperty = "ops" },
            Spec = new V1LeaseSpec { HolderIdentity = "a", LeaseDurationSeconds = 15 },
        };

        var created = await Client.CoordinationV1.CreateNamespacedLeaseAsync(lease, "ops");
        created.Spec.HolderIdentity = "b";
        var replaced = await Client.CoordinationV1.ReplaceNamespacedLeaseAsync(created, "leader", "ops");
        created.Spec.HolderIdentity = "c";
        var stale = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoordinationV1.ReplaceNamespacedLeaseAsync(created, "leader", "ops"));

        Assert.Equal("b", replaced.Spec.HolderIdentity);
        Assert.Equal(HttpStatusCode.Conflict, stale.Response.StatusCode);
        Assert.Equal("b", (await Client.CoordinationV1.ReadNamespacedLeaseAsync("leader", "ops")).Spec.HolderIdentity);
    }

    [Fact]
    public async Task CoreEvent_Create_IsStoredInItsNamespace()
    {
        var ev = new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = "widget-" },
            InvolvedObject = new V1ObjectReference { Kind = "Widget", Name = "a" },
            Reason = "Created",
            Type = "Normal",
        };

        var created = await Client.CoreV1.CreateNamespacedEventAsync(ev, "ops");

        Assert.StartsWith("widget-", created.Metadata.Name, StringComparison.Ordinal);
        Assert.Single(Server.List("events", "ops"));
    }

    [Fact]
    public async Task LeaderElector_OnLeaseLock_AcquiresAndRecordsHolder()
    {
        var config = new k8s.LeaderElection.LeaderElectionConfig(new k8s.LeaderElection.ResourceLock.LeaseLock(Client, "ops", "automode-leader", "pod-a"))
        {
            LeaseDuration = TimeSpan.FromSeconds(15),
            RenewDeadline = TimeSpan.FromSeconds(10),
            RetryPeriod = TimeSpan.FromSeconds(2),
        };
        using var elector = new k8s.LeaderElection.LeaderElector(config);
        var leading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        elector.OnStartedLeading += () => leading.TrySetResult();
        using var stop = new CancellationTokenSource();

        var run = elector.RunUntilLeadershipLostAsync(stop.Token);
        await leading.Task.WaitAsync(Patience);
        await stop.CancelAsync();
        try
        {
            await run.WaitAsync(Patience);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The elector returns when cancelled during a renewal and throws when cancelled between renewals (its
            // Task.Delay(RetryPeriod, token)); which one depends on timing, so both count as a clean stop.
        }

        var lease = Server.Get("leases", "automode-leader", "ops")!;
        Assert.Equal("pod-a", lease["spec"]!["holderIdentity"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_VersionAndGroups_AreServed()
    {
        var version = await Client.Version.GetCodeAsync();
        var groups = await Client.Apis.GetAPIVersionsAsync();

        Assert.Equal("1", version.Major);
        Assert.Contains(groups.Groups, g => g.Name == Group && g.PreferredVersion.Version == Widgets.Version);
    }

    [Fact]
    public async Task NamespacedWatch_AcrossAllNamespaces_SeesEveryNamespaceAndFiltersByOne()
    {
        var rv = Server.State.ResourceVersion.ToString();
        await using var all = new WatchRecorder((onError, ct) => Client.CoordinationV1.WatchListLeaseForAllNamespacesAsync(resourceVersion: rv, onError: onError, cancellationToken: ct)
            .Select(e => (e.Item1, (object)e.Item2)));
        await using var one = new WatchRecorder((onError, ct) => Client.CoordinationV1.WatchListNamespacedLeaseAsync("b", resourceVersion: rv, onError: onError, cancellationToken: ct)
            .Select(e => (e.Item1, (object)e.Item2)));

        await Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "l" } }, "a");
        await Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "l" } }, "b");

        Assert.Equal("a", (await all.NextAsync()).Object["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("b", (await all.NextAsync()).Object["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("b", (await one.NextAsync()).Object["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task BookmarkOnWatchStart_SendsABookmarkFirst()
    {
        Server.BookmarkOnWatchStart = true;
        Server.Put(Widget("a"));
        var rv = Server.State.ResourceVersion.ToString();

        await using var watch = Watch(rv, bookmarks: true);
        var first = await watch.NextAsync();

        Assert.Equal(WatchEventType.Bookmark, first.Type);
        Assert.Equal(rv, first.Object["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task OnCreated_HookResult_IsStoredAsAFollowUpModifiedEvent()
    {
        Server.OnCreated(Plural, created =>
        {
            created["status"] = new JsonObject { ["phase"] = "Accepted" };
            return created;
        });
        await using var watch = Watch(Server.State.ResourceVersion.ToString());
        // The store is empty, so that resourceVersion is "0", which means "current state, then changes": a watch that
        // opened after the create would see one ADDED already carrying the hook's status and no MODIFIED.
        await Server.WaitForAsync(s => s.OpenWatchCount == 1, Patience);

        var returned = await CreateAsync(Widget("a"));
        var added = await watch.NextAsync();
        var modified = await watch.NextAsync();

        Assert.Null(returned["status"]);
        Assert.Equal(WatchEventType.Added, added.Type);
        Assert.Equal((WatchEventType.Modified, "Accepted"), (modified.Type, modified.Object["status"]!["phase"]!.GetValue<string>()));
    }

    // ---- helpers ----

    private Task<JsonObject> CreateAsync(JsonObject body) =>
        Client.CustomObjects.CreateClusterCustomObjectAsync<JsonObject>(body, Group, Widgets.Version, Plural);

    private Task<HttpOperationResponse<object>> ApplyAsync(JsonObject intent, string manager, bool force = false) =>
        Client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync(
            new V1Patch(intent.ToJsonString(), V1Patch.PatchType.ApplyPatch),
            Group,
            Widgets.Version,
            Plural,
            intent["metadata"]!["name"]!.GetValue<string>(),
            fieldManager: manager,
            force: force);

    private WatchRecorder Watch(string? resourceVersion, string? labelSelector = null, bool bookmarks = false) =>
        new((onError, ct) => Client.CustomObjects.WatchListClusterCustomObjectAsync(
            Group, Widgets.Version, Plural, allowWatchBookmarks: bookmarks, labelSelector: labelSelector, resourceVersion: resourceVersion, onError: onError, cancellationToken: ct));


    private static List<string> Names(JsonObject list) => list["items"]!.AsArray().Select(i => Name((JsonObject)i!)).ToList();

    private static List<string> Managers(JsonObject obj) =>
        obj["metadata"]!["managedFields"]!.AsArray().Select(f => $"{f!["manager"]}/{f["operation"]}").ToList();
}
