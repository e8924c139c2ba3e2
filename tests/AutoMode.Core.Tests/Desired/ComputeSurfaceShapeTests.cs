using System.Text;
using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;
using AutoMode.Core.Serialization;
using AutoMode.Core.Tests.Schemas;
using AutoMode.Core.Tests.Validation;
using AutoMode.Testing.Builders;
using AutoMode.Testing.Cel;
using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Desired;

/// <summary>
/// The rendered compute-surface fields. The Auto Mode NodeClass schemas in ../shared/crds/upstream predate them
/// (see its README), so the NodeClass fields are held to the shapes AWS documents:
/// https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html (instanceProfile "mutually exclusive"
/// with role; advancedSecurity.fips a boolean; certificateBundles a list of name + base64-encoded data) and
/// https://docs.aws.amazon.com/eks/latest/userguide/auto-odcr.html (capacityReservationSelectorTerms: "- id:
/// cr-56fac701cc1951b03" or "- tags: {...}" with an optional "owner" account id). The NodePool replicas field is
/// checked against Karpenter v1.14.1's CRD, CEL transition rule included.
/// </summary>
public sealed class ComputeSurfaceShapeTests
{
    private static readonly Lazy<CrdCelValidator> KarpenterNodePool =
        new(() => CrdCelValidator.Load(Path.Combine(RepositoryPaths.UpstreamCrds!, "karpenter.sh_nodepools.v1.14.1.yaml")));

    private static JsonObject NodeClassSpec(V1Alpha1WorkloadClass workloadClass) =>
        ManifestYaml.ToJsonNode(DesiredStateRenderer.Render(workloadClass, RenderContext.Default).NodeClass)!["spec"]!.AsObject();

    private static JsonObject Pool(V1Alpha1WorkloadClass workloadClass, bool holdDown = false) =>
        (JsonObject)ManifestYaml.ToJsonNode(DesiredStateRenderer.Render(workloadClass, new RenderContext { HoldCapacityDown = holdDown }).NodePool)!;

    [Fact]
    public void CapacityBlockSample_RendersTheDocumentedIdTerm_AndReservedCapacity()
    {
        var sample = Samples.Load(Path.Combine(Samples.ValidDirectory, "gpu-capacity-block.yaml"));

        var spec = NodeClassSpec(sample);
        var pool = Pool(sample);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"id": "cr-56fac701cc1951b03"}]"""), spec["capacityReservationSelectorTerms"]), spec.ToJsonString());
        var capacity = pool["spec"]!["template"]!["spec"]!["requirements"]!.AsArray().Single(r => (string?)r!["key"] == "karpenter.sh/capacity-type");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["reserved"]"""), capacity!["values"]));
    }

    [Fact]
    public void TaggedReservationTerm_RendersTagsAndOwner_AndNothingElse()
    {
        var spec = NodeClassSpec(WorkloadClasses.Minimal(change: s => s.CapacityReservations =
        [
            new CapacityReservationSelectorTerm { Tags = new Dictionary<string, string> { ["Name"] = "targeted-odcr" }, Owner = "012345678901" },
            new CapacityReservationSelectorTerm { Id = "cr-0123456789abcdef0" },
        ]));

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"tags": {"Name": "targeted-odcr"}, "owner": "012345678901"}, {"id": "cr-0123456789abcdef0"}]"""),
            spec["capacityReservationSelectorTerms"]), spec.ToJsonString());
    }

    [Fact]
    public void InstanceProfile_ReplacesTheRole()
    {
        var spec = NodeClassSpec(WorkloadClasses.Minimal(change: s => (s.NodeRole, s.InstanceProfile) = (null, "eks-MyNodeInstanceProfile")));

        Assert.Equal("eks-MyNodeInstanceProfile", (string?)spec["instanceProfile"]);
        Assert.False(spec.ContainsKey("role"));
    }

    [Fact]
    public void RoleClass_HasNoInstanceProfile()
    {
        var spec = NodeClassSpec(WorkloadClasses.Minimal());

        Assert.Equal("AmazonEKSAutoNodeRole", (string?)spec["role"]);
        Assert.False(spec.ContainsKey("instanceProfile"));
    }

    [Fact]
    public void FipsAndBundles_RenderTheDocumentedShapes_WithTheBundleBase64Encoded()
    {
        var spec = NodeClassSpec(WorkloadClasses.Minimal(change: s =>
        {
            s.AdvancedSecurity = new AdvancedSecuritySpec { Fips = true };
            s.CertificateBundles = [new CertificateBundleSpec { Name = "corp-root", Data = TestCertificates.ExampleRootCa }];
        }));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"fips": true}"""), spec["advancedSecurity"]));
        var bundle = Assert.Single(spec["certificateBundles"]!.AsArray())!.AsObject();
        Assert.Equal(["data", "name"], bundle.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("corp-root", (string?)bundle["name"]);
        Assert.Equal(TestCertificates.ExampleRootCa, Encoding.UTF8.GetString(Convert.FromBase64String((string)bundle["data"]!)));
    }

    [Fact]
    public void StaticClass_RendersReplicas_AndOffHoursHoldsItAtZeroWithoutTouchingLimits()
    {
        var workloadClass = WorkloadClasses.Minimal(change: s => (s.StaticNodes, s.Limits) = (12, new Dictionary<string, string> { ["nodes"] = "15" }));

        var up = Pool(workloadClass);
        var down = Pool(workloadClass, holdDown: true);

        Assert.Equal(12, (long)up["spec"]!["replicas"]!);
        Assert.Equal(0, (long)down["spec"]!["replicas"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"nodes": "15"}"""), down["spec"]!["limits"]), down["spec"]!["limits"]?.ToJsonString());
    }

    [Fact]
    public void DynamicClass_HasNoReplicas_AndOffHoursHoldsTheLimitsAtZero()
    {
        var down = Pool(WorkloadClasses.Minimal(), holdDown: true);

        Assert.False(down["spec"]!.AsObject().ContainsKey("replicas"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"cpu": "0", "memory": "0"}"""), down["spec"]!["limits"]));
    }

    [UpstreamFact]
    public void StaticPool_PassesKarpentersRules_OnCreateAndThroughOffHours()
    {
        var workloadClass = Samples.Load(Path.Combine(Samples.ValidDirectory, "game-server-static-fleet.yaml"));
        var up = Pool(workloadClass);
        var down = Pool(workloadClass, holdDown: true);

        Assert.True(KarpenterNodePool.Value.Validate(up).IsValid, string.Join("\n", KarpenterNodePool.Value.Validate(up).Errors));
        Assert.True(KarpenterNodePool.Value.Validate(down, old: up).IsValid, string.Join("\n", KarpenterNodePool.Value.Validate(down, old: up).Errors));
        Assert.True(KarpenterNodePool.Value.Validate(up, old: down).IsValid, string.Join("\n", KarpenterNodePool.Value.Validate(up, old: down).Errors));
        Assert.Empty(OpenApiSchemaValidator.Validate(UpstreamSchemaTests.KarpenterNodePool.Value, up));
    }

    [UpstreamFact]
    public void KarpentersTransitionRule_RefusesTheSwitchTheClassRefuses()
    {
        var dynamicPool = Pool(WorkloadClasses.Minimal());
        var staticPool = Pool(WorkloadClasses.Minimal(change: s => s.StaticNodes = 3));

        var toStatic = KarpenterNodePool.Value.Validate(staticPool, old: dynamicPool);
        var toDynamic = KarpenterNodePool.Value.Validate(dynamicPool, old: staticPool);

        Assert.Contains(toStatic.Errors, e => e.ToString().Contains("Cannot transition NodePool between static (replicas set) and dynamic (replicas unset)", StringComparison.Ordinal));
        Assert.Contains(toDynamic.Errors, e => e.ToString().Contains("Cannot transition NodePool between static (replicas set) and dynamic (replicas unset)", StringComparison.Ordinal));
    }

    [UpstreamFact]
    public void KarpentersStaticRules_RefuseWhatTheValidatorRefuses()
    {
        // What a static class may not say, forced into the rendered pool: upstream refuses each, with its own message.
        var pool = Pool(WorkloadClasses.Minimal(change: s => s.StaticNodes = 3));
        pool["spec"]!["weight"] = 10;
        pool["spec"]!["limits"] = new JsonObject { ["cpu"] = "100" };

        var errors = KarpenterNodePool.Value.Validate(pool).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.Contains("'weight' is not supported on static NodePools", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("only 'limits.nodes' is supported on static NodePools", StringComparison.Ordinal));
    }
}
