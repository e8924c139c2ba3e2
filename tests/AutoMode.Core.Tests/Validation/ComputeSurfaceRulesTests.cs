using System.Text.Json;
using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Tests.Crd;
using AutoMode.Core.Validation;
using AutoMode.Testing.Builders;
using AutoMode.Testing.Cel;
using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Validation;

/// <summary>
/// Table tests for the compute-surface rules (NodeIdentityRules, CapacityReservationRules, NodeSecurityRules,
/// StaticCapacityRules), each passing and failing: `validate` must report exactly the expected path, and the CRD
/// (OpenAPI schema plus CEL, evaluated) must agree: refuse at that path too, or accept. Rows marked CSharpOnly are
/// what CEL cannot check (parsing a certificate); the CRD accepts them by design.
/// </summary>
public sealed class ComputeSurfaceRulesTests
{
    private static readonly Lazy<CrdCelValidator> Cel = new(() => CrdCelValidator.FromCrd(CrdSchemaTests.Crd, WorkloadClassApi.Version));

    /// <summary>The patch with its placeholders (long names, JSON-quoted PEM bundles) filled in.</summary>
    private static JsonNode Patched(string patch) => WorkloadClassValidatorTests.Patched(patch
        .Replace("@P128@", new string('p', 128), StringComparison.Ordinal)
        .Replace("@P129@", new string('p', 129), StringComparison.Ordinal)
        .Replace("@CA2@", Bundle(TestCertificates.ExampleRootCa + TestCertificates.ExampleRootCa), StringComparison.Ordinal)
        .Replace("@CA_DAMAGED@", Bundle(TestCertificates.ExampleRootCa + TestCertificates.Damaged), StringComparison.Ordinal)
        .Replace("@CA_TRUNCATED@", Bundle(TestCertificates.ExampleRootCa + TestCertificates.Truncated), StringComparison.Ordinal)
        .Replace("@DAMAGED@", Bundle(TestCertificates.Damaged), StringComparison.Ordinal)
        .Replace("@CA@", Bundle(TestCertificates.ExampleRootCa), StringComparison.Ordinal)
        .Replace("@BUNDLES11@", Bundles(11), StringComparison.Ordinal));

    private static string Bundle(string pem) => JsonSerializer.Serialize(pem);

    private static string Bundles(int count) =>
        new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["name"] = $"ca{i}", ["data"] = TestCertificates.ExampleRootCa })]).ToJsonString();

    /// <summary>reason, JSON merge patch on the validator tests' base class, the path that must fail (null: valid), whether only C# can see it.</summary>
    public static TheoryData<string, string, string?, bool> Rules => new()
    {
        // node identity: nodeRole xor instanceProfile
        { "instance profile instead of the role", """{"spec": {"nodeRole": null, "instanceProfile": "eks-MyNodeInstanceProfile"}}""", null, false },
        { "instance profile of 128 characters", """{"spec": {"nodeRole": null, "instanceProfile": "@P128@"}}""", null, false },
        { "instance profile of 129 characters", """{"spec": {"nodeRole": null, "instanceProfile": "@P129@"}}""", "spec.instanceProfile", false },
        { "instance profile with a slash", """{"spec": {"nodeRole": null, "instanceProfile": "eks/profile"}}""", "spec.instanceProfile", false },
        { "instance profile empty", """{"spec": {"nodeRole": null, "instanceProfile": ""}}""", "spec.instanceProfile", false },
        { "role and instance profile", """{"spec": {"instanceProfile": "eks-MyNodeInstanceProfile"}}""", "spec.instanceProfile", false },
        { "neither role nor instance profile", """{"spec": {"nodeRole": null}}""", "spec.nodeRole", false },
        // capacity reservations
        { "reservation by id", """{"spec": {"capacityReservations": [{"id": "cr-56fac701cc1951b03"}]}}""", null, false },
        { "reservation by tags and owner", """{"spec": {"capacityReservations": [{"tags": {"Name": "targeted-odcr"}, "owner": "012345678901"}]}}""", null, false },
        { "reservation by tags, any value", """{"spec": {"capacityReservations": [{"tags": {"team": "*"}}]}}""", null, false },
        { "reservation id too short", """{"spec": {"capacityReservations": [{"id": "cr-56fac701"}]}}""", "spec.capacityReservations[0].id", false },
        { "reservation id uppercase hex", """{"spec": {"capacityReservations": [{"id": "cr-56FAC701CC1951B03"}]}}""", "spec.capacityReservations[0].id", false },
        { "reservation id of another resource", """{"spec": {"capacityReservations": [{"id": "crg-56fac701cc1951b03"}]}}""", "spec.capacityReservations[0].id", false },
        { "reservation id with owner", """{"spec": {"capacityReservations": [{"id": "cr-56fac701cc1951b03", "owner": "012345678901"}]}}""", "spec.capacityReservations[0].id", false },
        { "reservation id with tags", """{"spec": {"capacityReservations": [{"id": "cr-56fac701cc1951b03", "tags": {"a": "b"}}]}}""", "spec.capacityReservations[0].id", false },
        { "reservation owner alone", """{"spec": {"capacityReservations": [{"owner": "012345678901"}]}}""", "spec.capacityReservations[0]", false },
        { "reservation owner of 11 digits", """{"spec": {"capacityReservations": [{"tags": {"a": "b"}, "owner": "01234567890"}]}}""", "spec.capacityReservations[0].owner", false },
        { "reservation tag with empty value", """{"spec": {"capacityReservations": [{"tags": {"a": ""}}]}}""", "spec.capacityReservations[0].tags", false },
        { "reservations empty", """{"spec": {"capacityReservations": []}}""", "spec.capacityReservations", false },
        // FIPS and certificate bundles
        { "FIPS on", """{"spec": {"advancedSecurity": {"fips": true}}}""", null, false },
        { "one bundle", """{"spec": {"certificateBundles": [{"name": "corp-root", "data": @CA@}]}}""", null, false },
        { "two certificates in one bundle", """{"spec": {"certificateBundles": [{"name": "chain", "data": @CA2@}]}}""", null, false },
        { "bundle that is base64, not PEM", """{"spec": {"certificateBundles": [{"name": "corp-root", "data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"}]}}""", "spec.certificateBundles[0].data", false },
        { "bundle with a damaged certificate", """{"spec": {"certificateBundles": [{"name": "corp-root", "data": @DAMAGED@}]}}""", "spec.certificateBundles[0].data", true },
        { "bundle whose second certificate is damaged", """{"spec": {"certificateBundles": [{"name": "chain", "data": @CA_DAMAGED@}]}}""", "spec.certificateBundles[0].data", true },
        { "bundle whose second certificate has no END line", """{"spec": {"certificateBundles": [{"name": "chain", "data": @CA_TRUNCATED@}]}}""", "spec.certificateBundles[0].data", true },
        { "two bundles with one name", """{"spec": {"certificateBundles": [{"name": "ca", "data": @CA@}, {"name": "ca", "data": @CA@}]}}""", "spec.certificateBundles", false },
        { "bundle without a name", """{"spec": {"certificateBundles": [{"data": @CA@}]}}""", "spec.certificateBundles[0]", false },
        { "eleven bundles", """{"spec": {"certificateBundles": @BUNDLES11@}}""", "spec.certificateBundles", false },
        // static capacity
        { "static class", """{"spec": {"staticNodes": 3}}""", null, false },
        { "static class of zero nodes", """{"spec": {"staticNodes": 0}}""", null, false },
        { "static class with a node limit", """{"spec": {"staticNodes": 3, "limits": {"nodes": "5"}}}""", null, false },
        { "static class with budgets and the default consolidation", """{"spec": {"staticNodes": 3, "disruption": {"consolidationPolicy": "WhenEmptyOrUnderutilized", "consolidateAfter": "0s", "budgets": [{"nodes": "1"}]}}}""", null, false },
        { "static class with off-hours", """{"spec": {"staticNodes": 3, "offHours": {"windows": [{"start": "0 20 * * *", "end": "0 7 * * *"}]}}}""", null, false },
        { "negative static nodes", """{"spec": {"staticNodes": -1}}""", "spec.staticNodes", false },
        { "static class with weight", """{"spec": {"staticNodes": 3, "weight": 10}}""", "spec.weight", false },
        { "static class with a cpu limit", """{"spec": {"staticNodes": 3, "limits": {"cpu": "100", "nodes": "5"}}}""", "spec.limits", false },
        { "static class with a consolidation policy", """{"spec": {"staticNodes": 3, "disruption": {"consolidationPolicy": "WhenEmpty"}}}""", "spec.disruption", false },
        { "static class with consolidateAfter", """{"spec": {"staticNodes": 3, "disruption": {"consolidateAfter": "5m"}}}""", "spec.disruption", false },
        { "static class with an off-hours drain", """{"spec": {"staticNodes": 3, "offHours": {"windows": [{"start": "0 20 * * *", "end": "0 7 * * *"}], "drain": {"enabled": true}}}}""", "spec.offHours.drain.enabled", false },
        { "dynamic class with weight and cpu limits", """{"spec": {"weight": 10, "limits": {"cpu": "100"}, "disruption": {"consolidationPolicy": "WhenEmpty"}}}""", null, false },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Validate_Rule_ReportsExactlyTheExpectedPath(string reason, string patch, string? expectedPath, bool csharpOnly)
    {
        _ = csharpOnly;
        var errors = WorkloadClassValidator.Validate(Samples.FromJson(Patched(patch)));

        if (expectedPath is null)
        {
            Assert.True(errors.Count == 0, $"{reason}: unexpected [{string.Join("; ", errors)}]");
        }
        else
        {
            Assert.True(errors.Count > 0 && errors.All(e => e.Path == expectedPath), $"{reason}: expected errors only at {expectedPath}, got [{string.Join("; ", errors)}]");
        }
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Crd_SchemaAndCel_AgreeWithValidate(string reason, string patch, string? expectedPath, bool csharpOnly)
    {
        var json = Patched(patch);
        var fields = OpenApiSchemaValidator.Validate(CrdSchemaTests.Schema, json).Select(e => e.Path)
            .Concat(Cel.Value.Validate((JsonObject)json).Errors.Select(e => e.Field))
            .Distinct()
            .ToList();

        if (expectedPath is null || csharpOnly)
        {
            Assert.True(fields.Count == 0, $"{reason}: the CRD refuses it at [{string.Join("; ", fields)}]");
        }
        else
        {
            Assert.True(fields.Count > 0 && fields.All(f => f == expectedPath), $"{reason}: expected the CRD to refuse only {expectedPath}, got [{string.Join("; ", fields)}]");
        }
    }

    [Fact]
    public void DamagedCertificate_MessageNamesWhichCertificate()
    {
        var spec = WorkloadClasses.Minimal(change: s => s.CertificateBundles =
            [new CertificateBundleSpec { Name = "chain", Data = TestCertificates.ExampleRootCa + TestCertificates.Damaged }]);

        var error = Assert.Single(WorkloadClassValidator.Validate(WithTypeMeta(spec)));

        Assert.StartsWith("spec.certificateBundles[0].data: certificate 2 is not a valid X.509 certificate", error.ToString(), StringComparison.Ordinal);
    }

    private static V1Alpha1WorkloadClass WithTypeMeta(V1Alpha1WorkloadClass workloadClass)
    {
        workloadClass.ApiVersion = WorkloadClassApi.ApiVersion;
        workloadClass.Kind = WorkloadClassApi.Kind;
        return workloadClass;
    }
}
