using System.Net;
using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Serialization;
using AutoMode.Core.Validation;
using AutoMode.Testing.Kube;
using AutoMode.Testing.Schemas;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AutoMode.Kubernetes.Tests.FakeApi;

/// <summary>
/// The fake API server evaluates the WorkloadClass CRD's CEL rules (crds/) on create, update, patch and server-side
/// apply, and refuses like the real server: 422 Invalid with one cause per failed rule, at the field `validate` names.
/// </summary>
public sealed class CelAdmissionTests : FakeServerTest
{
    private const string Group = WorkloadClassApi.Group;
    private const string Version = WorkloadClassApi.Version;
    private const string Plural = WorkloadClassApi.Plural;

    private static string ValidDirectory => RepositoryPaths.Combine("config", "samples");

    private static string InvalidDirectory => RepositoryPaths.Combine("config", "samples", "invalid");

    public static TheoryData<string> ValidNames() => [.. Names(ValidDirectory)];

    public static TheoryData<string> InvalidNames() => [.. Names(InvalidDirectory)];

    protected override void Configure(FakeApiServer server)
    {
        server.AddResource(Group, Version, Plural, WorkloadClassApi.Kind);
        server.State.Cel.UseCrdFile(RepositoryPaths.Combine("crds", "workloadclasses.automode.io.yaml"));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public async Task InvalidSample_IsRefusedThroughCel_AtTheValidateField(string file)
    {
        var path = Path.Combine(InvalidDirectory, file);
        var body = Json(path);
        var validatePath = Assert.Single(WorkloadClassValidator.Validate(KubernetesJson.Deserialize<V1Alpha1WorkloadClass>(body.ToJsonString())).Select(e => e.Path).Distinct());

        if (file is "off-hours-bad-time-zone.yaml" or "off-hours-six-field-cron.yaml")
        {
            // No CEL rule covers these: the time zone passes the real API server by design (only `validate` knows the
            // IANA database); the six-field cron is refused by the OpenAPI pattern, which this fake does not check.
            await CreateAsync(body);
            Assert.NotNull(Server.Get(Plural, Name(body)));
            return;
        }

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => CreateAsync(body));

        var status = Status(error);
        Assert.Equal([CelField(validatePath)], Fields(status).Distinct());
        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.StartsWith($"WorkloadClass.automode.io \"{Name(body)}\" is invalid: ", (string?)status["message"], StringComparison.Ordinal);
        Assert.Null(Server.Get(Plural, Name(body)));
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public async Task ValidSample_IsAccepted_ByCreateAndByApply(string file)
    {
        var body = Json(Path.Combine(ValidDirectory, file));

        await CreateAsync(body);
        await ApplyAsync(body);

        Assert.NotNull(Server.Get(Plural, Name(body)));
    }

    [Fact]
    public async Task Subnet_IdAndTags_RefusedWithTheApiServersMessage()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => CreateAsync(Json(Path.Combine(InvalidDirectory, "subnet-id-and-tags.yaml"))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        var status = Status(error);
        Assert.Equal(
            "WorkloadClass.automode.io \"subnet-id-and-tags\" is invalid: spec.subnets[0].id: Invalid value: \"object\": 'id' is mutually exclusive with 'tags' in a subnets term; split them into two terms",
            (string?)status["message"]);
        var cause = Assert.Single(status["details"]!["causes"]!.AsArray())!;
        Assert.Equal("FieldValueInvalid", (string?)cause["reason"]);
        Assert.Equal("spec.subnets[0].id", (string?)cause["field"]);
    }

    // ---- nodeRole may change (issue 15: the operator moves the pool to a NodeClass of the new role) ----
    // The fake's transition rules with oldSelf on every kind of write: NodeClassRefTransitionAdmissionTests.

    [Fact]
    public async Task NodeRoleChange_AcceptedByUpdatePatchAndApply()
    {
        var body = Json(Path.Combine(ValidDirectory, "web-on-demand.yaml"));
        var stored = await CreateAsync(body);
        stored["spec"]!["nodeRole"] = "RoleByUpdate";
        await Client.CustomObjects.ReplaceClusterCustomObjectAsync<JsonObject>(stored, Group, Version, Plural, Name(stored));
        await Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("""{"spec":{"nodeRole":"RoleByMergePatch"}}""", V1Patch.PatchType.MergePatch), Group, Version, Plural, Name(stored));
        var moved = (JsonObject)body.DeepClone();
        moved["spec"]!["nodeRole"] = "arn:aws:iam::123456789012:role/RoleByApply";

        await ApplyAsync(moved);

        Assert.Equal("arn:aws:iam::123456789012:role/RoleByApply", (string?)Server.Get(Plural, Name(body))!["spec"]!["nodeRole"]);
    }

    [Fact]
    public async Task InvalidSample_RefusedByServerSideApplyCreate()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(Json(Path.Combine(InvalidDirectory, "pod-subnets-without-security-groups.yaml"))));

        Assert.Equal(["spec.podSecurityGroups"], Fields(Status(error)));
    }

    /// <summary>Where the API server can report a `validate` path: a map key is reported at the map, metadata.name at the root rule ("&lt;nil&gt;").</summary>
    private static string CelField(string validatePath)
    {
        var key = validatePath.IndexOf("[\"", StringComparison.Ordinal);
        return validatePath == "metadata.name" ? "<nil>" : key >= 0 ? validatePath[..key] : validatePath;
    }

    private static JsonObject Status(HttpOperationException error) => (JsonObject)JsonNode.Parse(error.Response.Content)!;

    private static List<string> Fields(JsonObject status) =>
        [.. status["details"]!["causes"]!.AsArray().Select(c => (string)c!["field"]!)];

    private static IEnumerable<string> Names(string directory) =>
        Directory.EnumerateFiles(directory, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    private static JsonObject Json(string path) => (JsonObject)YamlJsonReader.Parse(File.ReadAllText(path))!;

    private static string Name(JsonObject body) => (string)body["metadata"]!["name"]!;

    private Task<JsonObject> CreateAsync(JsonObject body) =>
        Client.CustomObjects.CreateClusterCustomObjectAsync<JsonObject>(body, Group, Version, Plural);

    private Task<HttpOperationResponse<object>> ApplyAsync(JsonObject intent) =>
        Client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync(
            new V1Patch(intent.ToJsonString(), V1Patch.PatchType.ApplyPatch), Group, Version, Plural, Name(intent), fieldManager: "cel-test", force: true);
}
