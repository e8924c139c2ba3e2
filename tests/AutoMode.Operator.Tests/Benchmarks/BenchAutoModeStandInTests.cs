using System.Text.Json.Nodes;
using AutoMode.Benchmarks;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Testing.Kube;
using k8s;

namespace AutoMode.Operator.Tests.Benchmarks;

/// <summary>
/// Issue 12, point 6: on an API server without EKS Auto Mode (kind, envtest), the bench's stand-in sets Ready on the
/// operator's NodeClasses and NodePools through /status, and touches nothing else. The fake server here has the Auto
/// Mode types registered WITHOUT FakeAutoMode's Ready hooks, as a real server with only the CRDs would be.
/// </summary>
public sealed class BenchAutoModeStandInTests
{
    [Fact]
    public async Task Always_MarksTheOperatorsChildrenReady_ThroughStatus_AndNothingElse()
    {
        await using var server = await FakeApiServer.StartAsync();
        FakeAutoMode.Register(server);
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString() });
        var said = new List<string>();
        await using var standIn = await AutoModeStandIn.StartAsync(client, StandInMode.Always, TimeProvider.System, m => { lock (said) { said.Add(m); } }, CancellationToken.None);

        server.Put(Child("eks.amazonaws.com/v1", "NodeClass", "web", owned: true));
        server.Put(Child("karpenter.sh/v1", "NodePool", "web", owned: true));
        // Auto Mode (someone else) already reported on this one: its Ready=False stays.
        server.Put(Child("eks.amazonaws.com/v1", "NodeClass", "reported", owned: true, readyStatus: "False"));
        // Not the operator's (the floor client's objects carry no workload-class label).
        server.Put(Child("eks.amazonaws.com/v1", "NodeClass", "floor", owned: false));

        await server.WaitForAsync(_ => Ready(server.Get("nodeclasses", "web")) == "True" && Ready(server.Get("nodepools", "web")) == "True", TimeSpan.FromSeconds(20));

        var condition = (JsonObject)((JsonArray)server.Get("nodeclasses", "web")!["status"]!["conditions"]!).Single(c => (string?)c!["type"] == "Ready")!;
        Assert.Equal(AutoModeStandIn.Reason, (string?)condition["reason"]);
        Assert.Equal(server.Get("nodeclasses", "web")!["metadata"]!["generation"]!.GetValue<long>(), condition["observedGeneration"]!.GetValue<long>());
        Assert.Contains(server.Requests, r => r.IsWrite && r.Plural == "nodepools" && r.Name == "web" && r.Subresource == "status");
        Assert.Equal("False", Ready(server.Get("nodeclasses", "reported")));
        Assert.Null(Ready(server.Get("nodeclasses", "floor")));
        Assert.DoesNotContain(server.Requests, r => r.IsWrite && r.Name is "reported" or "floor" && r.Subresource == "status");
        // One status write per child (the stand-in's own counter moves only once the response is read, so count on the server).
        Assert.Equal(2, server.Requests.Count(r => r.IsWrite && r.Subresource == "status"));
        Assert.Equal(0, standIn.Failures);
    }

    private static JsonObject Child(string apiVersion, string kind, string name, bool owned, string? readyStatus = null)
    {
        var labels = new JsonObject();
        if (owned)
        {
            labels[WorkloadClassApi.WorkloadClassLabel] = name;
        }

        var obj = new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
            ["spec"] = new JsonObject(),
        };
        if (readyStatus is not null)
        {
            obj["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = readyStatus, ["reason"] = "SubnetsNotFound", ["message"] = "no subnets" }),
            };
        }

        return obj;
    }

    private static string? Ready(JsonObject? obj) =>
        (obj?["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => (string?)c?["type"] == "Ready")?["status"]?.GetValue<string>();
}
