using System.Text.Json.Nodes;
using AutoMode.Testing.Kube;
using k8s;
using k8s.Models;
using static AutoMode.Kubernetes.Tests.FakeApi.Widgets;

namespace AutoMode.Kubernetes.Tests.FakeApi;

/// <summary>
/// The fake server's garbage collector against the rules of the real one (kube-apiserver's
/// deletionFinalizersForGarbageCollection and kube-controller-manager's garbagecollector.go), over real HTTP.
/// </summary>
public sealed class FakeApiServerGarbageCollectionTests : FakeServerTest
{
    protected override void Configure(FakeApiServer server)
    {
        server.AddResource(Group, Widgets.Version, Plural, "Widget", namespaced: false, hasStatusSubresource: true);
    }

    [Fact]
    public async Task DeleteWithoutPolicy_DeletesDependentsInTheBackground()
    {
        var owner = await CreateAsync(Widget("owner"));
        await CreateAsync(Dependent("child", owner));

        await DeleteAsync("owner", propagationPolicy: null);

        Assert.Null(Server.Get(Plural, "owner"));
        Assert.Null(Server.Get(Plural, "child"));
    }

    [Fact]
    public async Task OrphanPolicy_RemovesTheOwnersReferenceFromDependents_AndKeepsThem()
    {
        var owner = await CreateAsync(Widget("owner"));
        var other = await CreateAsync(Widget("other-owner"));
        await CreateAsync(Dependent("child", owner));
        await CreateAsync(Dependent("shared", owner, other));

        await DeleteAsync("owner", "Orphan");

        Assert.Null(Server.Get(Plural, "owner"));
        Assert.Null(Server.Get(Plural, "child")!["metadata"]!["ownerReferences"]);
        var shared = Server.Get(Plural, "shared")!["metadata"]!["ownerReferences"]!.AsArray();
        Assert.Equal(Uid(other), (string?)shared.Single()!["uid"]);
    }

    [Fact]
    public async Task OrphanPolicyAsAQueryParameter_IsHonouredToo()
    {
        var owner = await CreateAsync(Widget("owner"));
        await CreateAsync(Dependent("child", owner));

        await Client.CustomObjects.DeleteClusterCustomObjectAsync(Group, Widgets.Version, Plural, "owner", propagationPolicy: "Orphan");

        Assert.NotNull(Server.Get(Plural, "child"));
    }

    [Fact]
    public async Task DependentWithAnotherLiveOwner_IsKept_OnlyTheDanglingReferenceGoes()
    {
        var owner = await CreateAsync(Widget("owner"));
        var other = await CreateAsync(Widget("other-owner"));
        await CreateAsync(Dependent("shared", owner, other));

        await DeleteAsync("owner", propagationPolicy: null);

        var references = Server.Get(Plural, "shared")!["metadata"]!["ownerReferences"]!.AsArray();
        Assert.Equal(Uid(other), (string?)references.Single()!["uid"]);
    }

    [Fact]
    public async Task ForegroundPolicy_KeepsTheOwnerUntilBlockingDependentsAreGone()
    {
        var owner = await CreateAsync(Widget("owner"));
        var blocking = Dependent("blocking", owner);
        blocking["metadata"]!["ownerReferences"]![0]!["blockOwnerDeletion"] = true;
        blocking["metadata"]!["finalizers"] = new JsonArray("example.com/cleanup");
        await CreateAsync(blocking);

        await DeleteAsync("owner", "Foreground");

        var stillThere = Server.Get(Plural, "owner")!;
        Assert.NotNull(stillThere["metadata"]!["deletionTimestamp"]);
        Assert.Contains("foregroundDeletion", stillThere["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f));
        Assert.NotNull(Server.Get(Plural, "blocking")!["metadata"]!["deletionTimestamp"]);

        // The dependent's own finalizer is released: it goes, and so does the owner.
        var dependent = Server.Get(Plural, "blocking")!;
        dependent["metadata"]!.AsObject().Remove("finalizers");
        Server.Put(dependent);

        Assert.Null(Server.Get(Plural, "blocking"));
        Assert.Null(Server.Get(Plural, "owner"));
    }

    [Fact]
    public async Task DependentCreatedForAnOwnerThatIsGone_IsCollected()
    {
        var owner = await CreateAsync(Widget("owner"));
        await DeleteAsync("owner", propagationPolicy: null);

        await CreateAsync(Dependent("late-child", owner));

        Assert.Null(Server.Get(Plural, "late-child"));
    }

    [Fact]
    public async Task OwnerOfAKindTheServerDoesNotServe_CannotBeVerified_AndKeepsTheDependent()
    {
        var child = Widget("child");
        child["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "unknown.example.com/v1",
            ["kind"] = "Gadget",
            ["name"] = "gone",
            ["uid"] = "uid-that-does-not-exist",
        });

        await CreateAsync(child);
        Server.State.CollectGarbage();

        Assert.NotNull(Server.Get(Plural, "child"));
    }

    private static JsonObject Dependent(string name, params JsonObject[] owners)
    {
        var widget = Widget(name);
        widget["metadata"]!["ownerReferences"] = new JsonArray([.. owners.Select((o, i) => (JsonNode)new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "Widget",
            ["name"] = Name(o),
            ["uid"] = Uid(o),
            ["controller"] = i == 0,
        })]);
        return widget;
    }

    private static string Uid(JsonObject obj) => obj["metadata"]!["uid"]!.GetValue<string>();

    private Task<JsonObject> CreateAsync(JsonObject body) =>
        Client.CustomObjects.CreateClusterCustomObjectAsync<JsonObject>(body, Group, Widgets.Version, Plural);

    // kubectl sends the policy in the DeleteOptions body (`kubectl delete --cascade=orphan`).
    private Task<object> DeleteAsync(string name, string? propagationPolicy) =>
        Client.CustomObjects.DeleteClusterCustomObjectAsync(Group, Widgets.Version, Plural, name,
            body: new V1DeleteOptions { PropagationPolicy = propagationPolicy });
}
