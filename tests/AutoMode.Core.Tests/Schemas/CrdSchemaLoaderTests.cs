using System.Text.Json.Nodes;
using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Schemas;

public sealed class CrdSchemaLoaderTests
{
    [UpstreamFact]
    public void LoadCrdSchema_UpstreamKarpenterNodePool_ValidatesAMinimalNodePool()
    {
        var upstream = RepositoryPaths.UpstreamCrds!;

        var schema = CrdSchemaLoader.LoadCrdSchema(Path.Combine(upstream, "karpenter.sh_nodepools.v1.14.1.yaml"), "v1");
        var valid = NodePool(expireAfter: "336h");
        var invalid = NodePool(expireAfter: "14 days");

        Assert.Empty(OpenApiSchemaValidator.Validate(schema, valid));
        Assert.Contains(OpenApiSchemaValidator.Validate(schema, invalid), e => e.Path == "spec.template.spec.expireAfter");
    }

    [UpstreamFact]
    public void LoadJsonSchema_AutoModeNodePool_ChecksOperatorsAndLabels()
    {
        var upstream = RepositoryPaths.UpstreamCrds!;

        var schema = CrdSchemaLoader.LoadJsonSchema(Path.Combine(upstream, "automode.karpenter.sh_nodepool_v1.imroc-32f51d9.json"));
        var pool = NodePool(expireAfter: "336h");
        pool["spec"]!["template"]!["spec"]!["requirements"]![0]!["operator"] = "Gte";

        var errors = OpenApiSchemaValidator.Validate(schema, pool);

        Assert.Equal("spec.template.spec.requirements[0].operator", Assert.Single(errors).Path);
    }

    [UpstreamFact]
    public void LoadJsonSchema_AutoModeNodeClass_MetadataRefAcceptsAnythingAndSizePatternApplies()
    {
        var upstream = RepositoryPaths.UpstreamCrds!;

        var schema = CrdSchemaLoader.Load(Path.Combine(upstream, "automode.eks.amazonaws.com_nodeclass_v1.datree-2dcd060.json"));
        var nodeClass = JsonNode.Parse("""
            {
              "apiVersion": "eks.amazonaws.com/v1", "kind": "NodeClass",
              "metadata": {"name": "batch", "labels": {"a": "b"}},
              "spec": {
                "role": "MyNodeRole",
                "subnetSelectorTerms": [{"id": "subnet-0abc"}],
                "securityGroupSelectorTerms": [{"tags": {"Name": "eks-cluster-sg"}}],
                "ephemeralStorage": {"size": "80Gi", "iops": 3000, "throughput": 125}
              }
            }
            """)!;

        Assert.Empty(OpenApiSchemaValidator.Validate(schema, nodeClass));

        nodeClass["spec"]!["ephemeralStorage"]!["size"] = "60000Gi";
        Assert.Equal("spec.ephemeralStorage.size", Assert.Single(OpenApiSchemaValidator.Validate(schema, nodeClass)).Path);
    }

    [UpstreamFact]
    public void LoadCrdSchema_MissingVersion_Throws()
    {
        var upstream = RepositoryPaths.UpstreamCrds!;

        Assert.Throws<InvalidDataException>(() => CrdSchemaLoader.LoadCrdSchema(Path.Combine(upstream, "karpenter.sh_nodepools.v1.14.1.yaml"), "v9"));
    }

    private static JsonNode NodePool(string expireAfter) => JsonNode.Parse($$$$"""
        {
          "apiVersion": "karpenter.sh/v1", "kind": "NodePool",
          "metadata": {"name": "batch"},
          "spec": {
            "template": {
              "metadata": {"labels": {"automode.io/workload-class": "batch"}},
              "spec": {
                "nodeClassRef": {"group": "eks.amazonaws.com", "kind": "NodeClass", "name": "batch"},
                "requirements": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["arm64"]}],
                "expireAfter": "{{{{expireAfter}}}}",
                "terminationGracePeriod": "24h"
              }
            },
            "limits": {"cpu": "100", "memory": 400},
            "disruption": {"consolidationPolicy": "WhenEmptyOrUnderutilized", "consolidateAfter": "0s"}
          }
        }
        """)!;
}
