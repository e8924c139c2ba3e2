using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>An object in the fake store with its JSON, rendered once at commit. Never mutated after it is stored: every write builds a new one.</summary>
internal sealed record StoredObject(FakeResourceType Type, string Namespace, string Name, JsonObject Body, IReadOnlyList<ManagedEntry> Managed, string Json)
{
    public JsonObject CloneBody() => (JsonObject)Body.DeepClone();

    public string Uid => Body["metadata"]?["uid"]?.GetValue<string>() ?? string.Empty;

    public string ResourceVersion => Body["metadata"]?["resourceVersion"]?.GetValue<string>() ?? string.Empty;
}
