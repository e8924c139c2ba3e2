using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Tests.Validation;
using AutoMode.Testing.Schemas;

namespace AutoMode.Core.Tests.Crd;

public sealed class CrdSchemaTests
{
    private static readonly Lazy<JsonObject> CrdDocument = new(() => CrdSchemaLoader.LoadCrd(CrdPath));

    public static string CrdPath => RepositoryPaths.Combine("crds", "workloadclasses.automode.io.yaml");

    public static JsonObject Crd => CrdDocument.Value;

    public static JsonObject Schema => CrdSchemaLoader.SchemaOf(Crd, WorkloadClassApi.Version);

    [Theory]
    [MemberData(nameof(Samples.ValidNames), MemberType = typeof(Samples))]
    public void ValidSample_PassesTheCrdSchema(string file)
    {
        var errors = OpenApiSchemaValidator.Validate(Schema, Samples.Json(Path.Combine(Samples.ValidDirectory, file)));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Samples.InvalidNames), MemberType = typeof(Samples))]
    public void InvalidSample_FailsTheSchemaOnlyAtTheExpectedPath(string file)
    {
        // Most mistakes are caught by CEL or by checks only C# makes; whatever the schema catches must be the expected field.
        var path = Path.Combine(Samples.InvalidDirectory, file);
        var expected = Samples.ExpectedPath(path);

        var errors = OpenApiSchemaValidator.Validate(Schema, Samples.Json(path));

        Assert.All(errors, e => Assert.Equal(expected, e.Path));
    }

    [Fact]
    public void Crd_NamesScopeAndVersionMatchTheApiConstants()
    {
        var spec = Crd["spec"]!;
        Assert.Equal($"{WorkloadClassApi.Plural}.{WorkloadClassApi.Group}", (string?)Crd["metadata"]!["name"]);
        Assert.Equal(WorkloadClassApi.Group, (string?)spec["group"]);
        Assert.Equal("Cluster", (string?)spec["scope"]);
        Assert.Equal(WorkloadClassApi.Kind, (string?)spec["names"]!["kind"]);
        Assert.Equal(WorkloadClassApi.Plural, (string?)spec["names"]!["plural"]);
        Assert.Equal("workloadclass", (string?)spec["names"]!["singular"]);
        Assert.Equal(WorkloadClassApi.ShortName, (string?)spec["names"]!["shortNames"]![0]);
        var version = Assert.Single(spec["versions"]!.AsArray())!;
        Assert.Equal(WorkloadClassApi.Version, (string?)version["name"]);
        Assert.True((bool)version["served"]!);
        Assert.True((bool)version["storage"]!);
        Assert.NotNull(version["subresources"]!["status"]);
    }

    [Fact]
    public void Crd_PrinterColumnsPointAtDeclaredStatusFields()
    {
        var columns = Crd["spec"]!["versions"]![0]!["additionalPrinterColumns"]!.AsArray();
        var names = columns.Select(c => ((string?)c!["name"])!.ToUpperInvariant()).ToArray();

        Assert.Equal(["READY", "NODECLASS", "NODEPOOL", "NODES", "DESIRED", "OFF-HOURS", "AGE"], names);
        foreach (var column in columns)
        {
            var path = (string)column!["jsonPath"]!;
            if (path.StartsWith(".metadata", StringComparison.Ordinal))
            {
                continue;
            }

            var field = path.Split('[')[0].TrimStart('.').Split('.');
            JsonNode? node = Schema;
            foreach (var part in field)
            {
                node = node?["properties"]?[part] ?? node?["items"]?["properties"]?[part];
            }

            Assert.True(node is not null, $"printer column {column["name"]} points at {path}, which the schema does not declare");
        }
    }

    [Fact]
    public void Crd_DefaultsMatchAutoModeDefaults()
    {
        var spec = Schema["properties"]!["spec"]!["properties"]!;
        Assert.Equal("80Gi", (string?)spec["ephemeralStorage"]!["properties"]!["size"]!["default"]);
        Assert.Equal(3000L, (long)spec["ephemeralStorage"]!["properties"]!["iops"]!["default"]!);
        Assert.Equal(125L, (long)spec["ephemeralStorage"]!["properties"]!["throughput"]!["default"]!);
        Assert.Equal("DefaultAllow", (string?)spec["networkPolicy"]!["default"]);
        Assert.Equal("Disabled", (string?)spec["networkPolicyEventLogs"]!["default"]);
        Assert.Equal("Random", (string?)spec["snatPolicy"]!["default"]);
        Assert.Equal("336h", (string?)spec["lifecycle"]!["properties"]!["expireAfter"]!["default"]);
        Assert.Equal("24h", (string?)spec["lifecycle"]!["properties"]!["terminationGracePeriod"]!["default"]);
        Assert.Equal("UTC", (string?)spec["offHours"]!["properties"]!["timeZone"]!["default"]);
        Assert.Equal(1L, (long)spec["offHours"]!["properties"]!["drain"]!["properties"]!["maxUnavailable"]!["default"]!);
    }

    [Fact]
    public void Crd_EveryDefaultPassesItsOwnSchema()
    {
        var checkedDefaults = 0;
        Walk(Schema, "");
        Assert.True(checkedDefaults >= 10);

        void Walk(JsonNode? node, string path)
        {
            if (node is not JsonObject schema)
            {
                return;
            }

            if (schema["default"] is { } value)
            {
                checkedDefaults++;
                var errors = OpenApiSchemaValidator.Validate(schema, value.DeepClone());
                Assert.True(errors.Count == 0, $"default at {path}: {string.Join("; ", errors)}");
            }

            foreach (var (name, child) in schema["properties"]?.AsObject() ?? [])
            {
                Walk(child, path + "." + name);
            }

            Walk(schema["items"], path + "[]");
            Walk(schema["additionalProperties"], path + "{}");
        }
    }
}
