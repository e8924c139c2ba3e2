using System.Net;
using System.Text.Json.Nodes;
using AutoMode.Testing.Kube;
using AutoMode.Testing.Schemas;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AutoMode.Kubernetes.Tests.FakeApi;

/// <summary>The fake API server refuses CustomResourceDefinitions a real API server refuses, with its status and message.</summary>
public sealed class FakeApiServerCrdAdmissionTests : IAsyncLifetime
{
    private const string Group = "apiextensions.k8s.io";
    private const string Plural = "customresourcedefinitions";

    private const string TodaysMessage =
        "CustomResourceDefinition.apiextensions.k8s.io \"workloadclasses.automode.io\" is invalid: spec.validation.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified";

    private FakeApiServer _server = null!;
    private k8s.Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _server.AddResource(Group, "v1", Plural, "CustomResourceDefinition", namespaced: false, hasStatusSubresource: true);
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Create_TheRepositoryCrd_IsAccepted()
    {
        var created = await _client.CustomObjects.CreateClusterCustomObjectAsync<JsonObject>(RepositoryCrd(), Group, "v1", Plural);

        Assert.Equal("workloadclasses.automode.io", (string?)created["metadata"]!["name"]);
    }

    [Fact]
    public async Task Create_TodaysCrd_Is422WithTheApiServersMessage()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CustomObjects.CreateClusterCustomObjectAsync<JsonObject>(TodaysCrd(), Group, "v1", Plural));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        var status = JsonNode.Parse(error.Response.Content)!;
        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.Equal(TodaysMessage, (string?)status["message"]);
        var cause = Assert.Single(status["details"]!["causes"]!.AsArray())!;
        Assert.Equal("FieldValueForbidden", (string?)cause["reason"]);
        Assert.Equal("spec.validation.openAPIV3Schema.properties[metadata]", (string?)cause["field"]);
        Assert.Null(_server.Get(Plural + "." + Group, "workloadclasses.automode.io"));
    }

    [Fact]
    public async Task ServerSideApply_TodaysCrd_Is422()
    {
        var patch = new V1Patch(TodaysCrd().ToJsonString(), V1Patch.PatchType.ApplyPatch);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            _client.CustomObjects.PatchClusterCustomObjectAsync<JsonObject>(patch, Group, "v1", Plural, "workloadclasses.automode.io", fieldManager: "kubectl", force: true));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Equal(TodaysMessage, (string?)JsonNode.Parse(error.Response.Content)!["message"]);
    }

    [Fact]
    public async Task Replace_WithTodaysSchema_Is422AndKeepsTheStoredCrd()
    {
        var created = await _client.CustomObjects.CreateClusterCustomObjectAsync<JsonObject>(RepositoryCrd(), Group, "v1", Plural);
        var replacement = TodaysCrd();
        replacement["metadata"]!["resourceVersion"] = created["metadata"]!["resourceVersion"]!.DeepClone();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            _client.CustomObjects.ReplaceClusterCustomObjectAsync<JsonObject>(replacement, Group, "v1", Plural, "workloadclasses.automode.io"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        var stored = _server.Get(Plural + "." + Group, "workloadclasses.automode.io")!;
        Assert.Null(stored["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["metadata"]!["description"]);
    }

    [Fact]
    public async Task Create_UnknownSchemaKeyword_Is400StrictDecoding()
    {
        var crd = RepositoryCrd();
        crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["examples"] = new JsonArray("x");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CustomObjects.CreateClusterCustomObjectAsync<JsonObject>(crd, Group, "v1", Plural));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
    }

    private static JsonObject RepositoryCrd() => CrdSchemaLoader.LoadCrd(RepositoryPaths.Combine("crds", "workloadclasses.automode.io.yaml"));

    /// <summary>The repository's CRD with the one line of issue 12 put back.</summary>
    private static JsonObject TodaysCrd()
    {
        var crd = RepositoryCrd();
        crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["metadata"]!["description"] = "Standard object metadata. The name becomes the NodeClass and NodePool name.";
        return crd;
    }
}
