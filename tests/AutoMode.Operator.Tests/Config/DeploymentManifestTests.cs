using System.Text.Json.Nodes;
using AutoMode.Core.Serialization;
using AutoMode.Operator.Hosting;

namespace AutoMode.Operator.Tests.Config;

/// <summary>Issue 17 points 2 and 8: what config/default deploys besides the Deployment, and how to point it at your image.</summary>
public sealed class DeploymentManifestTests
{
    [ToolFact("kubectl")]
    public async Task PodDisruptionBudget_SelectsTheOperatorPods_AndLetsOneGo()
    {
        var objects = await KustomizeConfigTests.RenderAsync();
        var pdb = objects.Single(o => (string?)o["kind"] == "PodDisruptionBudget");

        Assert.Equal("policy/v1", (string?)pdb["apiVersion"]);
        Assert.Equal(1, pdb["spec"]!["maxUnavailable"]!.GetValue<long>());
        Assert.Null(pdb["spec"]!["minAvailable"]);
        AssertSelects(pdb["spec"]!["selector"]!["matchLabels"]!, PodLabels(objects));
    }

    [ToolFact("kubectl")]
    public async Task MetricsService_ReachesThePortTheOperatorServesMetricsOn()
    {
        var objects = await KustomizeConfigTests.RenderAsync();
        var service = objects.Single(o => (string?)o["kind"] == "Service");
        var container = Deployment(objects)["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var port = service["spec"]!["ports"]!.AsArray().Single()!;
        var target = container["ports"]!.AsArray().Single(p => (string?)p!["name"] == (string?)port["targetPort"])!;

        Assert.Equal("automode-operator-metrics", (string?)service["metadata"]!["name"]);
        Assert.Equal("ClusterIP", (string?)service["spec"]!["type"]);
        Assert.Equal("metrics", (string?)port["name"]);
        Assert.Equal(new RunOptions().MetricsPort, target["containerPort"]!.GetValue<long>());
        AssertSelects(service["spec"]!["selector"]!, PodLabels(objects));
    }

    [ToolFact("kubectl")]
    public async Task Deployment_PrefersTheSystemPool_ButDoesNotRequireIt()
    {
        var pod = Deployment(await KustomizeConfigTests.RenderAsync())["spec"]!["template"]!["spec"]!;
        var nodeAffinity = pod["affinity"]!["nodeAffinity"]!;
        var preferred = nodeAffinity["preferredDuringSchedulingIgnoredDuringExecution"]!.AsArray().Single()!;
        var expression = preferred["preference"]!["matchExpressions"]!.AsArray().Single()!;

        Assert.Equal("karpenter.sh/nodepool", (string?)expression["key"]);
        Assert.Equal("In", (string?)expression["operator"]);
        Assert.Equal(["system"], expression["values"]!.AsArray().Select(v => (string?)v));
        // Required placement would leave the pods Pending where the system pool is disabled.
        Assert.Null(nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"]);
        Assert.Null(pod["nodeSelector"]);
        var toleration = pod["tolerations"]!.AsArray().Single(t => (string?)t!["key"] == "CriticalAddonsOnly")!;
        Assert.Equal("Exists", (string?)toleration["operator"]);
    }

    [ToolFact("kubectl")]
    public async Task PodMonitor_IsOptional_AndScrapesTheMetricsPortOfTheOperatorPods()
    {
        var defaults = await KustomizeConfigTests.RenderAsync();
        Assert.DoesNotContain(defaults, o => ((string?)o["apiVersion"])?.StartsWith("monitoring.coreos.com/", StringComparison.Ordinal) == true);

        var (exitCode, stdout, stderr) = await ExternalTool.RunAsync("kubectl", "kustomize", "config/prometheus");
        Assert.True(exitCode == 0, stderr);
        var monitor = YamlJsonReader.ParseAll(stdout).OfType<JsonObject>().Single();
        Assert.Equal("PodMonitor", (string?)monitor["kind"]);
        Assert.Equal("automode-system", (string?)monitor["metadata"]!["namespace"]);
        var endpoint = monitor["spec"]!["podMetricsEndpoints"]!.AsArray().Single()!;
        Assert.Equal("metrics", (string?)endpoint["port"]);
        Assert.Equal("/metrics", (string?)endpoint["path"]);
        AssertSelects(monitor["spec"]!["selector"]!["matchLabels"]!, PodLabels(defaults));
    }

    [ToolFact("kubectl")]
    public async Task ImageOverlay_ReplacesOnlyTheImage()
    {
        const string Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/automode-operator:v0.1.0-dev.g1234567";
        var (scriptExit, overlay, scriptError) = await ExternalTool.RunAsync("bash", "hack/image-overlay.sh", Image);
        Assert.True(scriptExit == 0, scriptError);
        var (exitCode, stdout, stderr) = await ExternalTool.RunAsync("kubectl", "kustomize", overlay.Trim());
        Assert.True(exitCode == 0, stderr);

        var withImage = YamlJsonReader.ParseAll(stdout).OfType<JsonObject>().ToList();
        var defaults = await KustomizeConfigTests.RenderAsync();
        Assert.Equal(Image, (string?)Deployment(withImage)["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Deployment(withImage)["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "same";
        Deployment(defaults)["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "same";
        Assert.Equal(defaults.Select(o => o.ToJsonString()), withImage.Select(o => o.ToJsonString()));
    }

    [ToolFact("bash")]
    public async Task ImageOverlay_RefusesAnImageWithoutTagOrWithLatest()
    {
        foreach (var image in new[] { "localhost:5000/automode-operator", "ghcr.io/me/automode-operator:latest" })
        {
            var (exitCode, _, stderr) = await ExternalTool.RunAsync("bash", "hack/image-overlay.sh", image);

            Assert.True(exitCode == 2, $"{image}: exit {exitCode}, {stderr}");
        }
    }

    private static JsonObject Deployment(IReadOnlyList<JsonObject> objects) => objects.Single(o => (string?)o["kind"] == "Deployment");

    private static JsonObject PodLabels(IReadOnlyList<JsonObject> objects) =>
        Deployment(objects)["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

    private static void AssertSelects(JsonNode selector, JsonObject podLabels)
    {
        Assert.NotEmpty(selector.AsObject());
        Assert.All(selector.AsObject(), label => Assert.Equal((string?)label.Value, (string?)podLabels[label.Key]));
    }
}
