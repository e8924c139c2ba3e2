using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;
using AutoMode.Core.Serialization;
using AutoMode.Testing.Builders;

namespace AutoMode.Core.Tests.Desired;

/// <summary>spec.labelNodes: whether the NodePool template labels nodes automode.io/workload-class=&lt;name&gt;.</summary>
public sealed class NodeTemplateMetadataTests
{
    [Theory]
    [InlineData(null, """{"automode.io/workload-class":"web"}""")]
    [InlineData(true, """{"automode.io/workload-class":"web"}""")]
    [InlineData(false, null)]
    public void LabelNodes_DecidesTheClassLabel_AndNothingRendersNoTemplateMetadata(bool? labelNodes, string? labels)
    {
        var pool = Render(s => s.LabelNodes = labelNodes);

        Assert.Equal(labels, pool["spec"]!["template"]!["metadata"]?["labels"]?.ToJsonString());
        Assert.Equal(labels is null, pool["spec"]!["template"]!.AsObject().ContainsKey("metadata") is false);
    }

    [Fact]
    public void LabelNodesFalse_KeepsTheClassNodeLabels_AndTheObjectLabels()
    {
        var pool = Render(s =>
        {
            s.LabelNodes = false;
            s.NodeLabels = new Dictionary<string, string> { ["team"] = "web" };
            s.Dedicated = true;
        });

        Assert.Equal("""{"team":"web"}""", pool["spec"]!["template"]!["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal("web", (string?)pool["metadata"]!["labels"]![WorkloadClassApi.WorkloadClassLabel]);
        Assert.Equal(WorkloadClassApi.DedicatedTaintKey, (string?)pool["spec"]!["template"]!["spec"]!["taints"]![0]!["key"]);
    }

    private static System.Text.Json.Nodes.JsonNode Render(Action<V1Alpha1WorkloadClassSpec> change) =>
        ManifestYaml.ToJsonNode(DesiredStateRenderer.Render(WorkloadClasses.Minimal("web", change), RenderContext.Default).NodePool)!;
}
