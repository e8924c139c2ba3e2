using System.Text.Json.Nodes;
using AutoMode.Kubernetes.Apply;
using AutoMode.Operator.Controllers;
using AutoMode.Testing.Kube;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Operator.Tests.Resilience;

/// <summary>
/// The pruning of an old NodeClass deletes only the object it decided on: same uid and same resourceVersion, or
/// nothing (the API server answers 409 to either precondition, and the fake does the same).
/// </summary>
public sealed class DeleteUnchangedTests
{
    private static async Task<(FakeApiServer Server, KubernetesObjectWriter Writer, string Uid, string ResourceVersion)> NodeClassAsync()
    {
        var server = await FakeApiServer.StartAsync();
        FakeAutoMode.Register(server);
        var stored = server.Put(new JsonObject
        {
            ["apiVersion"] = "eks.amazonaws.com/v1",
            ["kind"] = "NodeClass",
            ["metadata"] = new JsonObject { ["name"] = "web" },
        });
        var writer = new KubernetesObjectWriter(server.CreateClient(), NullLogger<KubernetesObjectWriter>.Instance);
        return (server, writer, (string)stored["metadata"]!["uid"]!, (string)stored["metadata"]!["resourceVersion"]!);
    }

    [Fact]
    public async Task Unchanged_IsDeleted()
    {
        var (server, writer, uid, resourceVersion) = await NodeClassAsync();
        await using var scope = server;

        Assert.True(await writer.DeleteUnchangedAsync(Kinds.NodeClass, "web", uid, resourceVersion, CancellationToken.None));
        Assert.Null(server.Get("nodeclasses", "web"));
    }

    [Fact]
    public async Task ChangedSinceObserved_IsNotDeleted_AndNotAnError()
    {
        var (server, writer, uid, resourceVersion) = await NodeClassAsync();
        await using var scope = server;
        var changed = server.Get("nodeclasses", "web")!;
        changed["metadata"]!["labels"] = new JsonObject { ["someone"] = "else" };
        server.Put(changed);

        Assert.False(await writer.DeleteUnchangedAsync(Kinds.NodeClass, "web", uid, resourceVersion, CancellationToken.None));
        Assert.NotNull(server.Get("nodeclasses", "web"));
        Assert.Equal(409, Assert.Single(server.Requests, r => r.Verb == "delete").StatusCode);
    }

    [Fact]
    public async Task Replaced_IsNotDeleted()
    {
        var (server, writer, _, resourceVersion) = await NodeClassAsync();
        await using var scope = server;

        Assert.False(await writer.DeleteUnchangedAsync(Kinds.NodeClass, "web", "uid-of-an-earlier-nodeclass", resourceVersion, CancellationToken.None));
        Assert.NotNull(server.Get("nodeclasses", "web"));
    }

    [Fact]
    public async Task AlreadyGone_IsDone()
    {
        var (server, writer, uid, resourceVersion) = await NodeClassAsync();
        await using var scope = server;
        server.Delete("nodeclasses", "web");

        Assert.True(await writer.DeleteUnchangedAsync(Kinds.NodeClass, "web", uid, resourceVersion, CancellationToken.None));
    }
}
