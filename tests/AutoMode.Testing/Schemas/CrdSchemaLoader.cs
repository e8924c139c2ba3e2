using System.Text.Json.Nodes;
using AutoMode.Core.Serialization;

namespace AutoMode.Testing.Schemas;

/// <summary>Loads schemas for <see cref="OpenApiSchemaValidator"/>: a CRD YAML's openAPIV3Schema, or a JSON Schema file.</summary>
public static class CrdSchemaLoader
{
    /// <summary>
    /// The <c>spec.versions[].schema.openAPIV3Schema</c> of the CustomResourceDefinition in <paramref name="crdYamlPath"/>
    /// for <paramref name="version"/>, or for the storage version when <paramref name="version"/> is null.
    /// </summary>
    public static JsonObject LoadCrdSchema(string crdYamlPath, string? version = null) =>
        SchemaOf(LoadCrd(crdYamlPath), version, crdYamlPath);

    /// <summary>The whole CustomResourceDefinition document in <paramref name="crdYamlPath"/> (the first of that kind).</summary>
    public static JsonObject LoadCrd(string crdYamlPath)
    {
        var documents = YamlJsonReader.ParseAll(File.ReadAllText(crdYamlPath));
        return documents.OfType<JsonObject>().FirstOrDefault(d => (string?)d["kind"] == "CustomResourceDefinition")
            ?? throw new InvalidDataException($"{crdYamlPath}: no CustomResourceDefinition document");
    }

    /// <summary>The openAPIV3Schema of <paramref name="version"/> (storage version when null) in a loaded CRD.</summary>
    public static JsonObject SchemaOf(JsonObject crd, string? version = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var versions = crd["spec"]?["versions"] as JsonArray ?? [];
        var chosen = versions.OfType<JsonObject>().FirstOrDefault(v =>
            version is null ? (bool?)v["storage"] == true : (string?)v["name"] == version);
        return chosen?["schema"]?["openAPIV3Schema"] as JsonObject
            ?? throw new InvalidDataException($"{source ?? "CRD"}: no openAPIV3Schema for version {version ?? "(storage)"}");
    }

    /// <summary>A JSON Schema file such as the openapi2jsonschema dumps in ../shared/crds/upstream.</summary>
    public static JsonObject LoadJsonSchema(string jsonPath) =>
        JsonNode.Parse(File.ReadAllText(jsonPath)) as JsonObject
            ?? throw new InvalidDataException($"{jsonPath}: not a JSON object");

    /// <summary><see cref="LoadJsonSchema"/> for .json files, <see cref="LoadCrdSchema"/> for YAML.</summary>
    public static JsonObject Load(string path, string? version = null) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? LoadJsonSchema(path) : LoadCrdSchema(path, version);
}
