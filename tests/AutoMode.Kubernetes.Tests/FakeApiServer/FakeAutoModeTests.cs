using System.Text.Json.Nodes;
using AutoMode.Testing.Kube;
using k8s;
using k8s.Models;

namespace AutoMode.Kubernetes.Tests.FakeApi;

public sealed class FakeAutoModeTests : IAsyncLifetime
{
    private FakeApiServer _server = null!;
    private k8s.Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        FakeAutoMode.Install(_server);
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        var errors = _server.ServerErrors;
        await _server.DisposeAsync();
        Assert.Empty(errors);
    }

    public static TheoryData<string, string, string, string> Kinds => new()
    {
        { "karpenter.sh", "nodepools", "NodePool", "Auto Mode marks an accepted NodePool Ready" },
        { "eks.amazonaws.com", "nodeclasses", "NodeClass", "Auto Mode marks an accepted NodeClass Ready" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AppliedObject_BecomesReadyTrueForItsGeneration(string group, string plural, string kind, string reason)
    {
        var intent = new JsonObject
        {
            ["apiVersion"] = $"{group}/v1",
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = "general" },
            ["spec"] = new JsonObject { ["x"] = 1 },
        };

        await _client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch(intent.ToJsonString(), V1Patch.PatchType.ApplyPatch), group, "v1", plural, "general", fieldManager: "automode-operator");

        var stored = _server.Get($"{plural}.{group}", "general")!;
        var ready = Assert.Single(stored["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Ready")!;
        Assert.True(ready["status"]!.GetValue<string>() == "True", reason);
        Assert.Equal(1, ready["observedGeneration"]!.GetValue<long>());
        Assert.Equal(1, stored["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task NodeClaims_AreServedWithoutHook()
    {
        _server.Put(new JsonObject
        {
            ["apiVersion"] = "karpenter.sh/v1",
            ["kind"] = "NodeClaim",
            ["metadata"] = new JsonObject { ["name"] = "claim-1", ["labels"] = new JsonObject { ["karpenter.sh/nodepool"] = "general" } },
        });

        var list = await _client.CustomObjects.ListClusterCustomObjectAsync<JsonObject>("karpenter.sh", "v1", "nodeclaims", labelSelector: "karpenter.sh/nodepool=general");

        var claim = Assert.Single(list["items"]!.AsArray())!;
        Assert.Null(claim["status"]);
    }
}
