using System.Net;
using System.Text.Json.Nodes;
using AutoMode.Testing.Kube;
using k8s;
using k8s.Autorest;
using k8s.Models;
using static AutoMode.Kubernetes.Tests.FakeApi.Widgets;

namespace AutoMode.Kubernetes.Tests.FakeApi;

/// <summary>
/// Server-side apply, pruning and defaulting of a kind with a schema, as kube-apiserver does them (structured-merge-diff
/// for apply; apiextensions-apiserver for pruning and defaulting), over real HTTP with the real KubernetesClient.
/// </summary>
public sealed class StructuredApplyTests : FakeServerTest
{
    private const string Schema = """
        {"type":"object","properties":{
          "apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},
          "spec":{"type":"object","properties":{
            "taints":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["key","effect"],
              "items":{"type":"object","required":["key","effect"],"properties":{"key":{"type":"string"},"value":{"type":"string"},"effect":{"type":"string"}}}},
            "zones":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
            "requirements":{"type":"array","x-kubernetes-list-type":"atomic","items":{"type":"string"}},
            "selector":{"type":"object","x-kubernetes-map-type":"atomic","additionalProperties":{"type":"string"}},
            "size":{"type":"integer"},
            "policy":{"type":"string","default":"WhenEmpty"},
            "disruption":{"type":"object","properties":{"after":{"type":"string","default":"0s"},"budget":{"type":"string"}}}}},
          "status":{"type":"object","properties":{"phase":{"type":"string"}}}}}
        """;

    protected override void Configure(FakeApiServer server)
    {
        server.AddResource(Group, Widgets.Version, Plural, "Widget");
        server.State.SetSchema(Plural, JsonNode.Parse(Schema)!.AsObject());
    }

    [Fact]
    public async Task MapList_TwoManagersMergeByKey_AndAnItemGoesWhenItsOnlyManagerStopsApplyingIt()
    {
        await ApplyAsync(Spec("""{"taints":[{"key":"a","value":"1","effect":"NoSchedule"}],"size":1}"""), "operator");
        await ApplyAsync(Spec("""{"taints":[{"key":"b","effect":"NoExecute"}]}"""), "human");

        Assert.Equal(["a", "b"], Taints());
        var operatorFields = Fields("operator");
        var item = operatorFields["f:spec"]!["f:taints"]!["k:{\"effect\":\"NoSchedule\",\"key\":\"a\"}"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{".":{},"f:effect":{},"f:key":{},"f:value":{}}"""), item));
        Assert.NotNull(Fields("human")["f:spec"]!["f:taints"]!["k:{\"effect\":\"NoExecute\",\"key\":\"b\"}"]);

        // The operator no longer applies its taint (nor size): both go; the human's taint stays.
        await ApplyAsync(Spec("""{"zones":["x"]}"""), "operator");

        Assert.Equal(["b"], Taints());
        Assert.Null(Stored()["spec"]!["size"]);
    }

    [Fact]
    public async Task SetList_TwoManagersMergeByValue()
    {
        await ApplyAsync(Spec("""{"zones":["a","b"]}"""), "operator");
        await ApplyAsync(Spec("""{"zones":["c","b"]}"""), "human");

        Assert.Equal(["a", "b", "c"], Stored()["spec"]!["zones"]!.AsArray().Select(z => (string)z!).Order());
        Assert.Equal(["v:\"b\"", "v:\"c\""], Fields("human")["f:spec"]!["f:zones"]!.AsObject().Select(p => p.Key).Order());

        // "b" is still the human's, so it stays when the operator lets it go; "a" was only the operator's.
        await ApplyAsync(Spec("""{"zones":[]}"""), "operator");

        Assert.Equal(["b", "c"], Stored()["spec"]!["zones"]!.AsArray().Select(z => (string)z!).Order());
    }

    [Fact]
    public async Task AtomicListAndMap_AreReplacedWhole_AndOwnedWhole()
    {
        await ApplyAsync(Spec("""{"requirements":["x","y"],"selector":{"a":"1","b":"2"}}"""), "operator");

        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(Spec("""{"requirements":["z"]}"""), "human"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Equal(".spec.requirements", Cause(conflict)["field"]!.GetValue<string>());

        await ApplyAsync(Spec("""{"requirements":["z"],"selector":{"c":"3"}}"""), "human", force: true);

        var spec = Stored()["spec"]!;
        Assert.Equal(["z"], spec["requirements"]!.AsArray().Select(r => (string)r!));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"c":"3"}"""), spec["selector"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"f:spec":{"f:requirements":{},"f:selector":{}}}"""), Fields("human")));
        Assert.DoesNotContain(Managers(), m => m == "operator");
    }

    [Fact]
    public async Task ChangingAnItemFieldOfAnotherManager_Fails409WithoutForce_AndMovesOwnershipWithForce()
    {
        await ApplyAsync(Spec("""{"taints":[{"key":"a","value":"1","effect":"NoSchedule"}]}"""), "operator");

        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(Spec("""{"taints":[{"key":"a","value":"2","effect":"NoSchedule"}]}"""), "human"));

        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Equal(".spec.taints[effect=\"NoSchedule\",key=\"a\"].value", Cause(conflict)["field"]!.GetValue<string>());
        Assert.Contains("\"operator\"", Cause(conflict)["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("1", (string?)Stored()["spec"]!["taints"]![0]!["value"]);

        await ApplyAsync(Spec("""{"taints":[{"key":"a","value":"2","effect":"NoSchedule"}]}"""), "human", force: true);

        Assert.Equal("2", (string?)Stored()["spec"]!["taints"]![0]!["value"]);
        var operatorItem = Fields("operator")["f:spec"]!["f:taints"]!["k:{\"effect\":\"NoSchedule\",\"key\":\"a\"}"]!.AsObject();
        Assert.False(operatorItem.ContainsKey("f:value"));
    }

    [Fact]
    public async Task Defaults_AppliedOnCreate_OnlyUnderObjectsThatExist_AndOwnedByNoApplier()
    {
        await ApplyAsync(Spec("""{"size":1}"""), "operator");

        var spec = Stored()["spec"]!;
        Assert.Equal("WhenEmpty", (string?)spec["policy"]);
        Assert.Null(spec["disruption"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"f:spec":{"f:size":{}}}"""), Fields("operator")));

        await ApplyAsync(Spec("""{"size":1,"disruption":{"budget":"10%"}}"""), "operator");

        Assert.Equal("0s", (string?)Stored()["spec"]!["disruption"]!["after"]);
    }

    [Fact]
    public async Task Defaults_AppliedOnRead_OfObjectsStoredBeforeTheDefaultExisted_WithoutAWrite()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.AddResource(Group, Widgets.Version, Plural, "Widget");
        server.Put(Widget("old", JsonNode.Parse("""{"size":1}""")!.AsObject()));
        var version = server.State.ResourceVersion;

        server.State.SetSchema(Plural, JsonNode.Parse(Schema)!.AsObject());

        using var client = server.CreateClient();
        var read = await client.CustomObjects.GetClusterCustomObjectAsync<JsonObject>(Group, Widgets.Version, Plural, "old");
        Assert.Equal("WhenEmpty", (string?)read["spec"]!["policy"]);
        Assert.Equal(version.ToString(), (string?)read["metadata"]!["resourceVersion"]);
        Assert.Equal(version, server.State.ResourceVersion);
    }

    [Fact]
    public async Task UnknownFields_ArePrunedOnCreate_AndAnApplyNamingOneFails500AsTheRealServerDoes()
    {
        await Client.CustomObjects.CreateClusterCustomObjectAsync(Widget("a", JsonNode.Parse("""{"size":1,"colour":"red"}""")!.AsObject()), Group, Widgets.Version, Plural);

        Assert.Null(Stored()["spec"]!["colour"]);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(Spec("""{"colour":"red"}"""), "operator"));
        Assert.Equal(HttpStatusCode.InternalServerError, error.Response.StatusCode);
        Assert.Contains(".spec.colour: field not declared in schema", JsonNode.Parse(error.Response.Content)!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateManager_OwnsWhatItWrote_AndDoesNotLoseAFieldAnApplierNeverApplied()
    {
        await ApplyAsync(Spec("""{"size":1,"zones":["a"]}"""), "operator");
        var stored = Stored();
        stored["spec"]!["size"] = 2;
        stored["spec"]!["zones"]!.AsArray().Add("b");
        await Client.CustomObjects.ReplaceClusterCustomObjectAsync(stored, Group, Widgets.Version, Plural, "a", fieldManager: "kubectl-edit");

        var edit = Fields("kubectl-edit");
        Assert.NotNull(edit["f:spec"]!["f:size"]);
        Assert.NotNull(edit["f:spec"]!["f:zones"]!["v:\"b\""]);
        Assert.Null(Fields("operator")["f:spec"]!["f:size"]);

        // The operator stops applying zones: "a" was its own and goes; "b" it never applied, so it stays.
        await ApplyAsync(Spec("""{"size":1}"""), "operator", force: true);

        Assert.Equal(["b"], Stored()["spec"]!["zones"]!.AsArray().Select(z => (string)z!));
        Assert.Equal(1, Stored()["spec"]!["size"]!.GetValue<int>());
    }

    private static JsonObject Spec(string spec) => Widget("a", JsonNode.Parse(spec)!.AsObject());

    private JsonObject Stored() => Server.Get(Plural, "a")!;

    private List<string> Taints() => Stored()["spec"]!["taints"]!.AsArray().Select(t => (string)t!["key"]!).ToList();

    private JsonObject Fields(string manager) =>
        Stored()["metadata"]!["managedFields"]!.AsArray().Single(f => (string?)f!["manager"] == manager)!["fieldsV1"]!.AsObject();

    private List<string> Managers() => Stored()["metadata"]!["managedFields"]!.AsArray().Select(f => (string)f!["manager"]!).ToList();

    private static JsonNode Cause(HttpOperationException error) => JsonNode.Parse(error.Response.Content)!["details"]!["causes"]![0]!;

    private Task<object> ApplyAsync(JsonObject intent, string manager, bool force = false) =>
        Client.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch(intent.ToJsonString(), V1Patch.PatchType.ApplyPatch), Group, Widgets.Version, Plural, "a", fieldManager: manager, force: force);
}
