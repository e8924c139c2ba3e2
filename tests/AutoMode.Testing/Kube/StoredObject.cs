using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>An object in the fake store with its JSON and labels, captured once at commit. Never mutated after it is stored: every write builds a new one.</summary>
internal sealed record StoredObject(
    FakeResourceType Type,
    string Namespace,
    string Name,
    JsonObject Body,
    IReadOnlyList<ManagedEntry> Managed,
    string Json,
    IReadOnlyDictionary<string, string>? Labels)
{
    public string Uid => Body["metadata"]?["uid"]?.GetValue<string>() ?? string.Empty;

    public string ResourceVersion => Body["metadata"]?["resourceVersion"]?.GetValue<string>() ?? string.Empty;

    public static StoredObject Create(FakeResourceType type, string ns, string name, JsonObject body, IReadOnlyList<ManagedEntry> managed) =>
        new(type, ns, name, body, managed, body.ToJsonString(), LabelsOf(body));

    public JsonObject CloneBody() => (JsonObject)Body.DeepClone();

    private static Dictionary<string, string>? LabelsOf(JsonObject body) =>
        body["metadata"]?["labels"] is JsonObject labels
            ? labels.ToDictionary(
                l => l.Key,
                l => l.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : l.Value?.ToJsonString() ?? string.Empty,
                StringComparer.Ordinal)
            : null;
}
