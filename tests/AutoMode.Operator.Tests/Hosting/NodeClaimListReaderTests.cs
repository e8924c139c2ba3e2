using System.Text.Json.Nodes;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Kubernetes.Informers;
using AutoMode.Operator.Controllers;
using AutoMode.Operator.Hosting;
using AutoMode.Testing.Kube;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Operator.Tests.Hosting;

/// <summary>The NodeClaim list shortcut keeps exactly what the full decode plus the cache transform keeps.</summary>
public sealed class NodeClaimListReaderTests
{
    private static readonly InformerOptions ListOnly = new() { ResyncPeriod = TimeSpan.Zero, MinBackoff = TimeSpan.Zero, PageSize = 3 };

    [Fact]
    public async Task ListedClaims_CacheTheSameAsTheFullDecodeAndTransform_AndTheShortcutStaysWithItsInformer()
    {
        await using var server = await FakeApiServer.StartAsync();
        FakeAutoMode.Register(server);
        foreach (var claim in Claims())
        {
            server.Put(claim);
        }

        // The server sets the timestamps; its finalizer keeps this one listed while it terminates.
        Assert.True(server.Delete("nodeclaims", "deleting"));

        using var client = server.CreateClient();
        using var stop = new CancellationTokenSource();
        var shortcut = new Informer<V1NodeClaim>(client, Kinds.NodeClaim, NullLogger.Instance, ListOnly, CacheTransforms.NodeClaim, listItemReader: NodeClaimListReader.Read);
        var full = new Informer<V1NodeClaim>(client, Kinds.NodeClaim, NullLogger.Instance, ListOnly, CacheTransforms.NodeClaim);
        var untransformed = new Informer<V1NodeClaim>(client, Kinds.NodeClaim, NullLogger.Instance, ListOnly);
        var runs = new[] { shortcut.RunAsync(stop.Token), full.RunAsync(stop.Token), untransformed.RunAsync(stop.Token) };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Task.WhenAll(shortcut.WaitForSyncAsync(timeout.Token), full.WaitForSyncAsync(timeout.Token), untransformed.WaitForSyncAsync(timeout.Token));

        Assert.Equal(Snapshot(full), Snapshot(shortcut));
        // "bad-labels" and "bad-node" do not decode either way; every other claim is cached.
        Assert.Equal(["bare", "deleting", "nested", "no-pool", "null-status", "typical"], shortcut.Store.List().Select(c => c.Metadata.Name).Order());
        var typical = shortcut.Store.Get("typical")!;
        Assert.Equal("pool-a", typical.Label(V1NodeClaim.NodePoolLabel));
        Assert.Equal("i-0abc", typical.Status?.NodeName);
        Assert.Equal("nc-typical", typical.Spec?.NodeClassRef?.Name);
        Assert.Equal("", typical.Spec!.NodeClassRef!.Group);

        // Of the annotations only Karpenter's template hash stays: rotation progress compares it with the pool's.
        Assert.Equal(new Dictionary<string, string> { [V1NodeClaim.NodePoolHashAnnotation] = "1" }, typical.Metadata.Annotations);
        Assert.NotNull(typical.Metadata.CreationTimestamp);
        Assert.NotNull(shortcut.Store.Get("deleting")!.Metadata.DeletionTimestamp);
        // The informer without the shortcut in the same process still decodes everything.
        Assert.Equal(3, untransformed.Store.Get("typical")!.Metadata.Annotations?.Count);

        await stop.CancelAsync();
        await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static Dictionary<string, string> Snapshot(Informer<V1NodeClaim> informer) =>
        informer.Store.List().ToDictionary(c => c.Metadata.Name, c => KubernetesJson.Serialize(c));

    private static IEnumerable<JsonObject> Claims()
    {
        yield return Claim("typical", """{"karpenter.sh/nodepool":"pool-a","kubernetes.io/arch":"amd64","topology.kubernetes.io/zone":"eu-west-1a"}""",
            """{"providerID":"aws:///eu-west-1a/i-0abc","nodeName":"i-0abc","capacity":{"cpu":"2","memory":"7910Mi"},"conditions":[{"type":"Ready","status":"True","reason":"Ready","message":"","lastTransitionTime":"2026-11-23T10:00:00Z"}]}""");
        yield return Claim("deleting", """{"karpenter.sh/nodepool":"pool-a"}""", """{"nodeName":null}""");
        yield return Claim("nested", """{"karpenter.sh/nodepool":"pool-b"}""", """{"nodeName":"i-0def","nested":{"deep":[[1,2,{"x":[]}]]}}""");
        yield return Claim("no-pool", """{"other":"x"}""", "{}");
        yield return Claim("null-status", """{"karpenter.sh/nodepool":"pool-b"}""", "null");
        yield return Claim("bare", "null", null);
        yield return Claim("bad-labels", """["karpenter.sh/nodepool"]""", "{}");
        yield return Claim("bad-node", """{"karpenter.sh/nodepool":"pool-a"}""", """{"nodeName":42}""");
    }

    private static JsonObject Claim(string name, string labels, string? status)
    {
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["labels"] = JsonNode.Parse(labels),
            ["annotations"] = new JsonObject { ["karpenter.sh/nodepool-hash"] = "1", ["karpenter.sh/nodepool-hash-version"] = "v3", ["eks.amazonaws.com/nodeclass-hash"] = "2" },
            ["finalizers"] = new JsonArray("karpenter.sh/termination"),
        };
        var claim = new JsonObject
        {
            ["apiVersion"] = V1NodeClaim.ApiVersionValue,
            ["kind"] = "NodeClaim",
            ["metadata"] = metadata,
            ["spec"] = JsonNode.Parse("""{"requirements":[{"key":"karpenter.sh/capacity-type","operator":"In","values":["spot"]}],"resources":{"requests":{"cpu":"1"}}}"""),
        };
        claim["spec"]!["nodeClassRef"] = new JsonObject { ["group"] = "eks.amazonaws.com", ["kind"] = "NodeClass", ["name"] = "nc-" + name };
        if (status is not null)
        {
            claim["status"] = JsonNode.Parse(status);
        }

        return claim;
    }
}
