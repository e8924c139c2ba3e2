using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>A committed change, kept in the bounded history that watches replay from.</summary>
internal sealed record WatchEvent(long ResourceVersion, string Type, FakeResourceType ResourceType, string Namespace, JsonObject Object, JsonObject? Previous, string ObjectJson);
