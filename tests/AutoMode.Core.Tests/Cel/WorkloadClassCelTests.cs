using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Tests.Crd;
using AutoMode.Core.Tests.Validation;
using AutoMode.Core.Validation;
using AutoMode.Testing.Cel;
using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Cel;

/// <summary>
/// The WorkloadClass CRD's CEL rules, evaluated (Cel 0.3.3 + KubernetesCelLibrary) rather than mirrored: the samples
/// and the C# validator (`validate`) must agree with what the rules in crds/ actually say.
/// </summary>
public sealed class WorkloadClassCelTests
{
    private static readonly Lazy<CrdCelValidator> Validator = new(() => CrdCelValidator.FromCrd(CrdSchemaTests.Crd, WorkloadClassApi.Version));

    /// <summary>
    /// Invalid samples whose API-server field differs from the path `validate` reports, and why; every other
    /// invalid sample must fail CEL at exactly the `validate` path.
    /// </summary>
    internal static readonly Dictionary<string, (string? CelField, string Why)> Differences = new(StringComparer.Ordinal)
    {
        // A root rule's field is the root (a nil field.Path prints "<nil>"); fieldPath cannot point into metadata,
        // whose schema lists no properties (ValidFieldPath would refuse the CRD).
        ["reserved-name.yaml"] = ("<nil>", "the name rules sit at the root; fieldPath cannot name metadata.name"),
        // A rule on a map sees every key but can only report the map: fieldPath cannot name a key that varies.
        ["restricted-tag-key.yaml"] = ("spec.tags", "the tag-key rules sit on the tags map; fieldPath cannot name the offending key"),
        // No CEL rule: the OpenAPI pattern ^\S+(\s+\S+){4}$ refuses it (schema validation, not CEL).
        ["off-hours-six-field-cron.yaml"] = (null, "refused by the OpenAPI pattern, not by CEL"),
        // Passes the API server by design; only `validate` knows the IANA time-zone database.
        ["off-hours-bad-time-zone.yaml"] = (null, "passes the API server by design; `validate` refuses it"),
    };

    [Fact]
    public void Crd_EveryRuleIsEvaluated()
    {
        Assert.True(Validator.Value.Rules.Count >= 50, $"only {Validator.Value.Rules.Count} rules found");
        Assert.True(Validator.Value.Unsupported.Count == 0, string.Join("\n", Validator.Value.Unsupported.Select(r => $"{r}: {r.Unsupported}")));
    }

    [Theory]
    [MemberData(nameof(Samples.ValidNames), MemberType = typeof(Samples))]
    public void ValidSample_PassesEveryRule(string file)
    {
        var result = Validator.Value.Validate(Object(Path.Combine(Samples.ValidDirectory, file)));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Theory]
    [MemberData(nameof(Samples.InvalidNames), MemberType = typeof(Samples))]
    public void InvalidSample_FailsCelAtTheValidatePath(string file)
    {
        var path = Path.Combine(Samples.InvalidDirectory, file);
        var validatePaths = WorkloadClassValidator.Validate(Samples.Load(path)).Select(e => e.Path).Distinct().ToList();
        Assert.Equal([Samples.ExpectedPath(path)], validatePaths);

        var result = Validator.Value.Validate(Object(path));

        var fields = result.Errors.Select(e => e.Field).Distinct().ToList();
        if (Differences.TryGetValue(file, out var difference))
        {
            Assert.Equal(difference.CelField is null ? [] : [difference.CelField], fields);
        }
        else
        {
            Assert.True(fields.SequenceEqual(validatePaths), $"CEL: {string.Join("; ", result.Errors)}; validate: {string.Join("; ", validatePaths)}");
        }
    }

    [Fact]
    public void SixFieldCron_IsRefusedByTheSchemaPattern()
    {
        var path = Path.Combine(Samples.InvalidDirectory, "off-hours-six-field-cron.yaml");

        var errors = OpenApiSchemaValidator.Validate(CrdSchemaTests.Schema, Samples.Json(path));

        Assert.Contains(errors, e => e.Path == Samples.ExpectedPath(path));
    }

    [Fact]
    public void Differences_NameOnlyExistingSamples()
    {
        Assert.All(Differences.Keys, f => Assert.True(File.Exists(Path.Combine(Samples.InvalidDirectory, f)), f));
    }

    // ---- nodeRole may change: the operator moves the pool to a NodeClass of the new role (issue 15) ----

    [Fact]
    public void NodeRole_AnyValueOnCreate_AndAnotherRoleOnUpdate()
    {
        var created = Object(Path.Combine(Samples.ValidDirectory, "web-on-demand.yaml"));
        var changed = (JsonObject)created.DeepClone();
        changed["spec"]!["nodeRole"] = "AnotherNodeRole";

        Assert.True(Validator.Value.Validate(changed).IsValid);
        Assert.True(Validator.Value.Validate(created, old: created).IsValid);
        var result = Validator.Value.Validate(changed, old: created);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("AmazonEKSAutoNodeRole", "arn:aws:iam::123456789012:role/AmazonEKSAutoNodeRole")]
    [InlineData("arn:aws:iam::123456789012:role/AmazonEKSAutoNodeRole", "AmazonEKSAutoNodeRole")]
    [InlineData("AmazonEKSAutoNodeRole", "arn:aws-us-gov:iam::123456789012:role/teams/AmazonEKSAutoNodeRole")]
    public void NodeRole_NameToTheArnOfTheSameRole_IsNotAChange(string before, string after)
    {
        var stored = Object(Path.Combine(Samples.ValidDirectory, "web-on-demand.yaml"));
        stored["spec"]!["nodeRole"] = before;
        var edited = (JsonObject)stored.DeepClone();
        edited["spec"]!["nodeRole"] = after;

        var result = Validator.Value.Validate(edited, old: stored);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void NodeRole_ArnOfAnotherRole_IsAccepted()
    {
        var stored = Object(Path.Combine(Samples.ValidDirectory, "web-on-demand.yaml"));
        stored["spec"]!["nodeRole"] = "AmazonEKSAutoNodeRole";
        var edited = (JsonObject)stored.DeepClone();
        edited["spec"]!["nodeRole"] = "arn:aws:iam::123456789012:role/AmazonEKSAutoNodeRole2";

        Assert.True(Validator.Value.Validate(edited, old: stored).IsValid);
    }

    // ---- ratcheting (CRDValidationRatcheting) ----

    [Fact]
    public void UnchangedInvalidField_IsOnlyAWarningOnUpdate()
    {
        var stored = Object(Path.Combine(Samples.InvalidDirectory, "subnet-id-and-tags.yaml"));
        var labelled = (JsonObject)stored.DeepClone();
        labelled["metadata"]!["labels"] = new JsonObject { ["team"] = "a" };
        var edited = (JsonObject)stored.DeepClone();
        edited["spec"]!["subnets"]![0]!["tags"]!["Tier"] = "public";

        var ratcheted = Validator.Value.Validate(labelled, old: stored);
        var refused = Validator.Value.Validate(edited, old: stored);

        Assert.True(ratcheted.IsValid, string.Join("\n", ratcheted.Errors));
        Assert.Equal("spec.subnets[0].id", Assert.Single(ratcheted.Warnings).Field);
        Assert.Equal("spec.subnets[0].id", Assert.Single(refused.Errors).Field);
    }

    // ---- `validate` and CEL agree, case by case ----

    public static TheoryData<string, string, bool> AgreementCases() => new()
    {
        { "valid", "{}", true },
        { "arn role", """{"spec":{"nodeRole":"arn:aws:iam::111122223333:role/eks/Node_Role+1"}}""", true },
        { "malformed arn", """{"spec":{"nodeRole":"arn:aws:iam::1111:role/x"}}""", false },
        { "role name with a space", """{"spec":{"nodeRole":"my role"}}""", false },
        { "role name of 65", """{"spec":{"nodeRole":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", false },
        { "sg id and name", """{"spec":{"securityGroups":[{"id":"sg-1","name":"x"}]}}""", false },
        { "sg name and tags", """{"spec":{"securityGroups":[{"name":"x","tags":{"a":"b"}}]}}""", false },
        { "empty subnet term", """{"spec":{"subnets":[{}]}}""", false },
        { "empty tag filter value", """{"spec":{"subnets":[{"tags":{"a":""}}]}}""", false },
        { "pod sgs alone", """{"spec":{"podSecurityGroups":[{"id":"sg-1"}]}}""", false },
        { "aws: tag", """{"spec":{"tags":{"AwS:x":"y"}}}""", false },
        { "nodepool tag", """{"spec":{"tags":{"karpenter.sh/nodepool":"y"}}}""", false },
        { "In without values", """{"spec":{"instances":{"requirements":[{"key":"example.com/a","operator":"In"}]}}}""", false },
        { "Exists with values", """{"spec":{"instances":{"requirements":[{"key":"example.com/a","operator":"Exists","values":["x"]}]}}}""", false },
        { "Gt not a number", """{"spec":{"instances":{"requirements":[{"key":"example.com/a","operator":"Gt","values":["x"]}]}}}""", false },
        { "minValues over values", """{"spec":{"instances":{"requirements":[{"key":"example.com/a","operator":"In","values":["x"],"minValues":2}]}}}""", false },
        { "k8s.io requirement", """{"spec":{"instances":{"requirements":[{"key":"x.k8s.io/a","operator":"Exists"}]}}}""", false },
        { "karpenter.sh requirement", """{"spec":{"instances":{"requirements":[{"key":"karpenter.sh/nodepool","operator":"Exists"}]}}}""", false },
        { "automode.io requirement", """{"spec":{"instances":{"requirements":[{"key":"automode.io/x","operator":"Exists"}]}}}""", false },
        { "unknown eks label", """{"spec":{"instances":{"requirements":[{"key":"eks.amazonaws.com/nope","operator":"Exists"}]}}}""", false },
        { "kubernetes.io node label", """{"spec":{"nodeLabels":{"kubernetes.io/role":"x"}}}""", false },
        { "node-restriction label", """{"spec":{"nodeLabels":{"node-restriction.kubernetes.io/x":"y"}}}""", true },
        { "reserved taint", """{"spec":{"taints":[{"key":"automode.io/workload-class","effect":"NoSchedule"}]}}""", false },
        { "cpu min over max", """{"spec":{"instances":{"cpu":{"min":8,"max":4}}}}""", false },
        { "grace pushes over 21 days", """{"spec":{"lifecycle":{"expireAfter":"480h","terminationGracePeriod":"25h"}}}""", false },
        { "exactly 21 days", """{"spec":{"lifecycle":{"expireAfter":"480h","terminationGracePeriod":"24h"}}}""", true },
        { "duration without schedule", """{"spec":{"disruption":{"budgets":[{"nodes":"1","duration":"1h"}]}}}""", false },
        { "window start equals end", """{"spec":{"offHours":{"windows":[{"start":"0 1 * * *","end":"0 1 * * *"}]}}}""", false },
        { "off-hours with nothing", """{"spec":{"offHours":{"timeZone":"UTC"}}}""", false },
        { "off-hours with a holiday", """{"spec":{"offHours":{"holidays":["2026-12-25"]}}}""", true },
        { "empty tags map with an id", """{"spec":{"subnets":[{"id":"subnet-1","tags":{}}]}}""", false },
        { "name too long", """{"metadata":{"name":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", false },
    };

    /// <summary>
    /// Each case patches the web-on-demand sample (JSON merge patch); `validate` and CEL must both accept, or both refuse
    /// at the same field (modulo the two field shapes CEL cannot express, see <see cref="Differences"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(AgreementCases))]
    public void ValidateAndCel_Agree(string name, string patch, bool valid)
    {
        var obj = Object(Path.Combine(Samples.ValidDirectory, "web-on-demand.yaml"));
        MergePatch(obj, (JsonObject)JsonNode.Parse(patch)!);

        var validate = WorkloadClassValidator.Validate(Samples.FromJson(obj)).Select(e => CelShape(e.Path)).Distinct().Order(StringComparer.Ordinal).ToList();
        var cel = Validator.Value.Validate(obj).Errors.Select(e => e.Field).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(validate.SequenceEqual(cel), $"{name}: validate [{string.Join(", ", validate)}] vs CEL [{string.Join(", ", cel)}]");
        Assert.Equal(valid, cel.Count == 0);
    }

    /// <summary>The field CEL can report for a `validate` path: map keys collapse to the map, metadata.name to the root.</summary>
    private static string CelShape(string validatePath)
    {
        var key = validatePath.IndexOf("[\"", StringComparison.Ordinal);
        return validatePath == "metadata.name" ? "<nil>" : key >= 0 ? validatePath[..key] : validatePath;
    }

    /// <summary>RFC 7386 merge patch in place (objects merge, null removes, anything else replaces).</summary>
    private static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject inner && target[key] is JsonObject existing)
            {
                MergePatch(existing, inner);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    internal static JsonObject Object(string path) => (JsonObject)Samples.Json(path);
}
