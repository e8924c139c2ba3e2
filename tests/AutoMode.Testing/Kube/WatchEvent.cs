using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>A committed change, kept in the bounded history that watches replay from.</summary>
internal sealed record WatchEvent(long ResourceVersion, string Type, FakeResourceType ResourceType, string Namespace, JsonObject Object, JsonObject? Previous)
{
    private string? _json;

    public string ObjectJson => _json ??= Object.ToJsonString();
}
