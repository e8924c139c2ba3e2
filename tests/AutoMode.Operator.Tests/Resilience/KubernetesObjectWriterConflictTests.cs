using System.Net;
using System.Text.Json.Nodes;
using AutoMode.Kubernetes.Apply;
using AutoMode.Operator.Controllers;
using AutoMode.Testing.Kube;
using k8s.Autorest;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Operator.Tests.Resilience;

/// <summary>A 409 on a uid-preconditioned delete, found by the fault-injection churn: it must not pass for a deletion.</summary>
public sealed class KubernetesObjectWriterConflictTests
{
    [Fact]
    public async Task Delete_ConflictWhileTheObjectStillHasThatUid_IsRethrownAndNothingIsDeleted()
    {
        await using var server = await FakeApiServer.StartAsync();
        FakeAutoMode.Register(server);
        var claim = server.Put(new JsonObject
        {
            ["apiVersion"] = "karpenter.sh/v1",
            ["kind"] = "NodeClaim",
            ["metadata"] = new JsonObject { ["name"] = "claim-a" },
        });
        using var client = server.CreateClient();
        var writer = new KubernetesObjectWriter(client, NullLogger<KubernetesObjectWriter>.Instance);
        var plan = new FaultPlan(seed: 1) { WriteConflict = 1 };
        plan.Verbs.Add("delete");
        server.Faults = plan;

        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => writer.DeleteAsync(Kinds.NodeClaim, "claim-a", claim["metadata"]!["uid"]!.GetValue<string>(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.NotNull(server.Get("nodeclaims", "claim-a"));
    }

    [Fact]
    public async Task Delete_ConflictBecauseTheNameHasANewObject_IsLeftAloneWithoutError()
    {
        await using var server = await FakeApiServer.StartAsync();
        FakeAutoMode.Register(server);
        server.Put(new JsonObject
        {
            ["apiVersion"] = "karpenter.sh/v1",
            ["kind"] = "NodeClaim",
            ["metadata"] = new JsonObject { ["name"] = "claim-a" },
        });
        using var client = server.CreateClient();
        var writer = new KubernetesObjectWriter(client, NullLogger<KubernetesObjectWriter>.Instance);

        await writer.DeleteAsync(Kinds.NodeClaim, "claim-a", "uid-of-an-older-claim", CancellationToken.None);

        Assert.NotNull(server.Get("nodeclaims", "claim-a"));
        Assert.Equal(409, Assert.Single(server.Requests, r => r.Verb == "delete").StatusCode);
    }
}
