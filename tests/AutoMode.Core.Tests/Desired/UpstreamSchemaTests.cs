using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;
using AutoMode.Core.Serialization;
using AutoMode.Core.Tests.Schemas;
using AutoMode.Core.Validation;
using AutoMode.Testing.Builders;
using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Desired;

/// <summary>
/// Every rendered NodePool must pass the Auto Mode NodePool schema and the upstream Karpenter v1.14.1 CRD schema, and
/// every NodeClass the Auto Mode NodeClass schema. The structural validator does not run CEL, so the Auto Mode CEL
/// rules of the NodePool schema are checked here in C#.
/// </summary>
public sealed partial class UpstreamSchemaTests
{
    private static readonly SchemaValidationOptions Options = SchemaValidationOptions.Default;

    private static string Upstream(string file) => Path.Combine(RepositoryPaths.UpstreamCrds!, file);

    internal static readonly Lazy<JsonObject> AutoModeNodePool = new(() => CrdSchemaLoader.Load(Upstream("automode.karpenter.sh_nodepool_v1.imroc-32f51d9.json")));
    internal static readonly Lazy<JsonObject> KarpenterNodePool = new(() => CrdSchemaLoader.Load(Upstream("karpenter.sh_nodepools.v1.14.1.yaml")));
    internal static readonly Lazy<JsonObject> AutoModeNodeClass = new(() => CrdSchemaLoader.Load(Upstream("automode.eks.amazonaws.com_nodeclass_v1.imroc-32f51d9.json")));

    /// <summary>The eks.amazonaws.com label keys the Auto Mode NodePool schema allows, read from its own CEL rule.</summary>
    private static readonly Lazy<HashSet<string>> AllowedEksLabels = new(() =>
    {
        var rules = Rules(AutoModeNodePool.Value)
            .Where(r => r.Message == "label domain \"eks.amazonaws.com\" is restricted")
            .Select(r => r.Rule)
            .ToList();
        Assert.True(rules.Count > 0, "the Auto Mode NodePool schema has no eks.amazonaws.com label rule");
        return [.. rules.SelectMany(rule => EksLabel().Matches(rule).Select(m => m.Groups[1].Value))];
    });

    /// <summary>Samples plus hand-built classes that use every renderer feature.</summary>
    internal static IEnumerable<(string Name, V1Alpha1WorkloadClass Class)> Classes()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Combine("config", "samples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var document in WorkloadClassDocuments.Parse(File.ReadAllText(file), file))
            {
                Assert.True(document.IsWorkloadClass, string.Join("\n", document.ErrorLines()));
                yield return (Path.GetFileName(file), document.WorkloadClass!);
            }
        }

        yield return ("minimal", WorkloadClasses.Minimal());
        yield return ("everything", WorkloadClasses.Minimal(
            change: s =>
            {
                s.NodeRole = "arn:aws:iam::123456789012:role/platform/NodeRole";
                s.Instances = new InstanceSelection
                {
                    Architectures = ["arm64", "amd64"],
                    CapacityTypes = ["spot", "on-demand"],
                    Categories = ["c", "m"],
                    ExcludeFamilies = ["t4g"],
                    Sizes = ["large", "xlarge"],
                    Generation = new IntRange { Min = 6, Max = 8 },
                    Cpu = new IntRange { Min = 2, Max = 64 },
                    MemoryMiB = new IntRange { Min = 4096 },
                    Zones = ["us-east-1a"],
                    Requirements = [new RequirementSpec { Key = "eks.amazonaws.com/instance-hypervisor", Operator = "In", Values = ["nitro"], MinValues = 1 }],
                };
                s.NodeLabels = new Dictionary<string, string> { ["example.com/team"] = "web" };
                s.Taints = [new TaintSpec { Key = "example.com/only", Value = "web", Effect = "PreferNoSchedule" }];
                s.StartupTaints = [new TaintSpec { Key = "example.com/init", Effect = "NoExecute" }];
                s.Dedicated = true;
                s.Limits = new Dictionary<string, string> { ["cpu"] = "100", ["memory"] = "400Gi" };
                s.Weight = 50;
                s.Lifecycle = new LifecycleSpec { ExpireAfter = "480h", TerminationGracePeriod = "24h" };
                s.Disruption = new DisruptionSpec
                {
                    ConsolidationPolicy = "WhenEmpty",
                    ConsolidateAfter = "5m",
                    Budgets = [new DisruptionBudgetSpec { Nodes = "0", Schedule = "0 9 * * 1-5", Duration = "8h", Reasons = ["Drifted", "Underutilized"] }],
                };
                s.EphemeralStorage = new EphemeralStorageSpec { Size = "1Ti", Iops = 16000, Throughput = 1000, KmsKeyId = "alias/x" };
                s.PodSubnets = [new SubnetSelectorTerm { Id = "subnet-0abc" }];
                s.PodSecurityGroups = [new SubnetSelectorTerm { Id = "sg-0abc" }];
                s.AdvancedNetworking = new AdvancedNetworkingSpec { HttpsProxy = "http://proxy:3128", NoProxy = ["localhost"], Ipv4PrefixSize = "Auto" };
                s.SecurityGroups = [new SecurityGroupSelectorTerm { Name = "eks-cluster-sg" }, new SecurityGroupSelectorTerm { Tags = new Dictionary<string, string> { ["k"] = "*" } }];
                s.Tags = new Dictionary<string, string> { ["team"] = "web" };
            },
            name: "everything",
            uid: "11111111-2222-3333-4444-555555555555"));
        yield return ("instance profile, FIPS, bundles, tagged reservations", WorkloadClasses.Minimal(
            change: s =>
            {
                (s.NodeRole, s.InstanceProfile) = (null, "eks-MyNodeInstanceProfile");
                s.AdvancedSecurity = new AdvancedSecuritySpec { Fips = true };
                s.CertificateBundles = [new CertificateBundleSpec { Name = "corp-root", Data = TestCertificates.ExampleRootCa }];
                s.CapacityReservations = [new CapacityReservationSelectorTerm { Tags = new Dictionary<string, string> { ["team"] = "ml" }, Owner = "012345678901" }];
                s.Instances = new InstanceSelection { CapacityTypes = ["reserved", "on-demand"] };
                s.StaticNodes = 2;
            },
            name: "profiled"));
    }

    [UpstreamFact]
    public void RenderedNodePools_ValidAgainstAutoModeAndKarpenterSchemas()
    {
        var failures = new List<string>();
        foreach (var (name, workloadClass) in Classes())
        {
            // Off-hours held down or not; and as planned inside a window mid-rotation (replacement budgets and annotation).
            var rotated = new AutoMode.Core.Scheduling.ReplacementFacts(DateTimeOffset.Parse("2026-06-01T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null);
            var planned = AutoMode.Core.Planning.DesiredPlanner.Plan(workloadClass, DateTimeOffset.MinValue, DateTimeOffset.Parse("2026-06-08T02:30:00Z", System.Globalization.CultureInfo.InvariantCulture), rotated).Desired.NodePool;
            foreach (var holdDown in new bool?[] { false, true, null })
            {
                var pool = ManifestYaml.ToJsonNode(holdDown is { } down ? DesiredStateRenderer.Render(workloadClass, new RenderContext { HoldCapacityDown = down }).NodePool : planned);
                failures.AddRange(OpenApiSchemaValidator.Validate(AutoModeNodePool.Value, StripNodePoolFieldsNewerThanTheSchema(pool!), Options).Select(e => $"{name} (Auto Mode schema): {e}"));
                failures.AddRange(OpenApiSchemaValidator.Validate(KarpenterNodePool.Value, pool, Options).Select(e => $"{name} (Karpenter v1.14.1): {e}"));
                failures.AddRange(AutoModeCelProblems(pool!).Select(e => $"{name} (Auto Mode CEL): {e}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [UpstreamFact]
    public void RenderedNodeClasses_ValidAgainstAutoModeSchemaForTheFieldsItKnows()
    {
        var failures = new List<string>();
        foreach (var (name, workloadClass) in Classes())
        {
            var nodeClass = ManifestYaml.ToJsonNode(DesiredStateRenderer.Render(workloadClass, RenderContext.Default).NodeClass)!;
            StripFieldsNewerThanTheSchema(nodeClass);
            failures.AddRange(OpenApiSchemaValidator.Validate(AutoModeNodeClass.Value, nodeClass, Options).Select(e => $"{name}: {e}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [UpstreamFact]
    public void CelChecks_CatchWhatTheyClaimTo()
    {
        Assert.Contains("eks.amazonaws.com/instance-gpu-count", AllowedEksLabels.Value);
        Assert.True(AllowedEksLabels.Value.Count >= 20, string.Join(", ", AllowedEksLabels.Value));
        var pool = ManifestYaml.ToJsonNode(DesiredStateRenderer.Render(WorkloadClasses.Minimal(), RenderContext.Default).NodePool)!;
        Assert.Empty(AutoModeCelProblems(pool));

        pool["spec"]!["template"]!["spec"]!["expireAfter"] = "Never";
        pool["spec"]!["template"]!["metadata"]!["labels"]!["eks.amazonaws.com/instance-foo"] = "x";
        Assert.Equal(2, AutoModeCelProblems(pool).Count);

        pool["spec"]!["template"]!["spec"]!["expireAfter"] = "481h";
        Assert.Contains(AutoModeCelProblems(pool), p => p.Contains("21 days", StringComparison.Ordinal));
    }

    /// <summary>
    /// The Auto Mode NodePool schema dump (Dec 2024) predates static capacity (spec.replicas, Auto Mode 2025-11-19):
    /// it is removed before that schema's check; the Karpenter v1.14.1 CRD, which has it, checks it in full.
    /// </summary>
    internal static JsonNode StripNodePoolFieldsNewerThanTheSchema(JsonNode pool)
    {
        var copy = pool.DeepClone();
        copy["spec"]!.AsObject().Remove("replicas");
        return copy;
    }

    /// <summary>
    /// The only NodeClass schema dump is from Dec 2024; it lacks fields AWS added later (pod subnets and pod security
    /// groups 2025-06, advancedNetworking 2025-04, ephemeralStorage.kmsKeyID 2025-04; see the upstream README). Those
    /// are removed before the check so the rest is still held to the schema; their shapes come from the AWS docs.
    /// </summary>
    internal static void StripFieldsNewerThanTheSchema(JsonNode nodeClass)
    {
        var spec = nodeClass["spec"]!.AsObject();
        spec.Remove("podSubnetSelectorTerms");
        spec.Remove("podSecurityGroupSelectorTerms");
        spec.Remove("advancedNetworking");
        spec["ephemeralStorage"]?.AsObject().Remove("kmsKeyID");

        // Added later still (capacity reservations 2025-06-20, instanceProfile 2025-09-30, FIPS 2025-10-23,
        // certificate bundles 2025-04-11); ComputeSurfaceShapeTests holds them to the AWS docs instead. The dump
        // requires role, which an instance profile replaces: a stand-in keeps the rest of the check.
        spec.Remove("capacityReservationSelectorTerms");
        spec.Remove("advancedSecurity");
        spec.Remove("certificateBundles");
        if (spec.Remove("instanceProfile"))
        {
            spec["role"] = "InstanceProfileStandIn";
        }
    }

    /// <summary>The Auto Mode NodePool schema's CEL rules that a structural validator cannot evaluate.</summary>
    internal static List<string> AutoModeCelProblems(JsonNode pool)
    {
        var problems = new List<string>();
        var template = pool["spec"]!["template"]!;
        var spec = template["spec"]!;
        var expireAfter = spec["expireAfter"]!.GetValue<string>();
        var grace = spec["terminationGracePeriod"]?.GetValue<string>() ?? "24h";
        if (expireAfter == "Never")
        {
            problems.Add("expireAfter may not be set to Never");
        }
        else if (!KubeDuration.TryParse(expireAfter, out var expire) || !KubeDuration.TryParse(grace, out var tgp) || expire + tgp > TimeSpan.FromHours(504))
        {
            problems.Add($"the sum of expireAfter ({expireAfter}) and terminationGracePeriod ({grace}) may not exceed 21 days");
        }

        var keys = (template["metadata"]?["labels"]?.AsObject().Select(p => p.Key) ?? [])
            .Concat(spec["requirements"]!.AsArray().Select(r => r!["key"]!.GetValue<string>()));
        foreach (var key in keys.Where(k => k.StartsWith("eks.amazonaws.com/", StringComparison.Ordinal) && !AllowedEksLabels.Value.Contains(k)))
        {
            problems.Add($"label domain \"eks.amazonaws.com\" is restricted: {key}");
        }

        return problems;
    }

    private static IEnumerable<(string? Message, string Rule)> Rules(JsonNode? node) => node switch
    {
        JsonObject obj => (obj["x-kubernetes-validations"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(v => v["rule"] is not null)
            .Select(v => ((string?)v["message"], (string)v["rule"]!))
            .Concat(obj.SelectMany(p => Rules(p.Value))),
        JsonArray array => array.SelectMany(Rules),
        _ => [],
    };

    [GeneratedRegex("\"(eks\\.amazonaws\\.com/[a-z0-9-]+)\"")]
    private static partial Regex EksLabel();
}
