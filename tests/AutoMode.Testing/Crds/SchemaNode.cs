using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Crds;

/// <summary>Reads a JSONSchemaProps node the way the Go decoder sees it (wrong JSON types read as unset; decoding reports them).</summary>
internal static class SchemaNode
{
    public static string Str(JsonObject s, string key) =>
        s[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";

    public static string? StrOrNull(JsonObject s, string key) =>
        s[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool Flag(JsonObject s, string key) => s[key] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    /// <summary>A present, non-null key (a Go pointer or interface that is set).</summary>
    public static bool Has(JsonObject s, string key) => s.TryGetPropertyValue(key, out var v) && v is not null;

    public static JsonObject? Obj(JsonObject s, string key) => s[key] as JsonObject;

    public static JsonArray? Arr(JsonObject s, string key) => s[key] as JsonArray;

    public static JsonObject Properties(JsonObject s) => s["properties"] as JsonObject ?? [];

    public static List<string> Strings(JsonObject s, string key) =>
        (s[key] as JsonArray ?? []).Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "").ToList();

    public static IEnumerable<(int Index, JsonObject Schema)> Branches(JsonObject s, string key) =>
        (s[key] as JsonArray ?? []).Select((n, i) => (i, n as JsonObject ?? [])).ToList();
}
