using AutoMode.Core.Desired;
using AutoMode.Core.Import;
using AutoMode.Core.Serialization;

namespace AutoMode.Core.Tests.Import;

/// <summary>
/// A hand-written pool that does not label its nodes by class imports with spec.labelNodes: false, so the class
/// renders its template exactly (adopting it changes no node) and no note announces a node label.
/// </summary>
public sealed class LabelNodesImportTests
{
    private const string Pair = """
        apiVersion: eks.amazonaws.com/v1
        kind: NodeClass
        metadata: {name: batch}
        spec:
          role: AmazonEKSAutoNodeRole
          subnetSelectorTerms: [{tags: {Tier: private}}]
          securityGroupSelectorTerms: [{id: sg-0123456789abcdef0}]
        ---
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: batch}
        spec:
          template:
            TEMPLATE_METADATA
            spec:
              nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: batch}
              requirements:
                - {key: kubernetes.io/arch, operator: In, values: [arm64]}
                - {key: karpenter.sh/capacity-type, operator: In, values: [spot]}
                - {key: eks.amazonaws.com/instance-category, operator: In, values: [c, m]}
        """;

    [Theory]
    [InlineData("metadata: {labels: {team: data}}", false, """{"team":"data"}""")]
    [InlineData("metadata: {}", false, null)]
    [InlineData("metadata: {labels: {automode.io/workload-class: batch}}", null, """{"automode.io/workload-class":"batch"}""")]
    public void PoolWithoutTheClassLabel_ImportsUnlabelled_AndRendersItsTemplateLabelsExactly(string metadata, bool? labelNodes, string? labels)
    {
        var result = WorkloadClassImporter.Import(YamlJsonReader.ParseAll(Pair.Replace("TEMPLATE_METADATA", metadata, StringComparison.Ordinal))
            .Select(d => new ImportInput("test", d)));

        Assert.Empty(result.Errors);
        Assert.False(result.IsLossy, string.Join("; ", result.Notes));
        var imported = Assert.Single(result.Classes);
        Assert.Equal(labelNodes, imported.Spec.LabelNodes);
        Assert.DoesNotContain(result.Notes, n => n.Path.StartsWith("spec.template.metadata", StringComparison.Ordinal));
        var rendered = DesiredStateRenderer.Render(imported, RenderContext.Default).NodePool;
        Assert.Equal(labels, ManifestYaml.ToJsonNode(rendered)!["spec"]!["template"]!["metadata"]?["labels"]?.ToJsonString());
    }
}
