using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using k8s;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// The JSON merge patch that makes the stored status equal to a computed one. A merge patch leaves omitted fields in
/// place, and the wire form omits nulls, so a field that went away (status.offHours.override once an override
/// expired, nodeClaimsRemaining once capacity is up, offHours once the section is removed) must be sent as an
/// explicit null, or it would stay stale forever.
/// </summary>
internal static class StatusPatch
{
    /// <param name="status">The status to store.</param>
    /// <param name="previous">Statuses the server may hold, as canonical JSON (the cached one, the one last written); nulls are skipped.</param>
    public static JsonObject Create(V1Alpha1WorkloadClassStatus status, params string?[] previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var patch = JsonNode.Parse(KubernetesJson.Serialize(status))!.AsObject();
        foreach (var json in previous)
        {
            if (json is not null && JsonNode.Parse(json) is JsonObject before)
            {
                AddNulls(patch, before);
            }
        }

        return patch;
    }

    private static void AddNulls(JsonObject target, JsonObject before)
    {
        foreach (var (key, old) in before)
        {
            if (!target.TryGetPropertyValue(key, out var current))
            {
                target[key] = null;
            }
            else if (current is JsonObject nested && old is JsonObject oldNested)
            {
                AddNulls(nested, oldNested);
            }
        }
    }
}
