using System.Net;
using System.Text.Json.Nodes;
using AutoMode.Testing.Kube;
using AutoMode.Testing.Schemas;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AutoMode.Kubernetes.Tests.FakeApi;

/// <summary>
/// The fake API server evaluates CEL transition rules (oldSelf) on every kind of write, as the real one does, here with
/// the upstream Karpenter NodePool CRD: spec.template.spec.nodeClassRef group and kind are immutable, its name is not.
/// A node role change relies on exactly that (the pool is repointed to a NodeClass of the new role).
/// </summary>
public sealed class NodeClassRefTransitionAdmissionTests : FakeServerTest
{
    private const string Group = "karpenter.sh";
    private const string Version = "v1";
    private const string Plural = "nodepools";

    protected override void Configure(FakeApiServer server)
    {
        server.AddResource(Group, Version, Plural, "NodePool");
        if (RepositoryPaths.UpstreamCrds is { } upstream)
        {
            server.State.Cel.UseCrdFile(Path.Combine(upstream, "karpenter.sh_nodepools.v1.14.1.yaml"));
        }
    }

    [UpstreamFact]
    public async Task NameChange_AcceptedByUpdatePatchAndApply()
    {
        var stored = await CreateAsync(Pool());
        stored["spec"]!["template"]!["spec"]!["nodeClassRef"]!["name"] = "by-update";
        await Client.CustomObjects.ReplaceClusterCustomObjectAsync<JsonObject>(stored, Group, Version, Plural, "web");
        await Client.CustomObjects.PatchClusterCustomObjectAsync(Merge("name", "by-merge-patch"), Group, Version, Plural, "web");
        var applied = Pool();
        applied["spec"]!["template"]!["spec"]!["nodeClassRef"]!["name"] = "by-apply";

        await ApplyAsync(applied);

        Assert.Equal("by-apply", (string?)Server.Get(Plural, "web")!["spec"]!["template"]!["spec"]!["nodeClassRef"]!["name"]);
    }

    [UpstreamFact]
    public async Task KindChange_RefusedByUpdatePatchAndApply()
    {
        var stored = await CreateAsync(Pool());
        var replaced = (JsonObject)stored.DeepClone();
        replaced["spec"]!["template"]!["spec"]!["nodeClassRef"]!["kind"] = "EC2NodeClass";
        var applied = Pool();
        applied["spec"]!["template"]!["spec"]!["nodeClassRef"]!["kind"] = "EC2NodeClass";

        var update = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CustomObjects.ReplaceClusterCustomObjectAsync<JsonObject>(replaced, Group, Version, Plural, "web"));
        var merge = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CustomObjects.PatchClusterCustomObjectAsync(Merge("kind", "EC2NodeClass"), Group, Version, Plural, "web"));
        var apply = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(applied));

        foreach (var error in new[] { update, merge, apply })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
            Assert.Contains("nodeClassRef.kind is immutable", error.Response.Content, StringComparison.Ordinal);
        }

        Assert.Equal("NodeClass", (string?)Server.Get(Plural, "web")!["spec"]!["template"]!["spec"]!["nodeClassRef"]!["kind"]);
    }

    private static JsonObject Pool() => new()
    {
        ["apiVersion"] = "karpenter.sh/v1",
        ["kind"] = "NodePool",
        ["metadata"] = new JsonObject { ["name"] = "web" },
        ["spec"] = new JsonObject
        {
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["nodeClassRef"] = new JsonObject { ["group"] = "eks.amazonaws.com", ["kind"] = "NodeClass", ["name"] = "web" },
                    ["requirements"] = new JsonArray(),
                },
            },
        },
    };

    private static V1Patch Merge(string field, string value) =>
        new(new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = new JsonObject { ["nodeClassRef"] = new JsonObject { [field] = value } } } } }.ToJsonString(), V1Patch.PatchType.MergePatch);

    private Task<JsonObject> CreateAsync(JsonObject body) =>
        Client.CustomObjects.CreateClusterCustomObjectAsync<JsonObject>(body, Group, Version, Plural);

    private Task<HttpOperationResponse<object>> ApplyAsync(JsonObject intent) =>
        Client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync(
            new V1Patch(intent.ToJsonString(), V1Patch.PatchType.ApplyPatch), Group, Version, Plural, "web", fieldManager: "cel-test", force: true);
}

/// <summary>A fact that is skipped, with a clear reason, when ../shared/crds/upstream is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class UpstreamFactAttribute : FactAttribute
{
    public UpstreamFactAttribute()
    {
        if (RepositoryPaths.UpstreamCrds is null)
        {
            Skip = "../shared/crds/upstream is absent next to the repository root; upstream CEL admission checks skipped";
        }
    }
}
