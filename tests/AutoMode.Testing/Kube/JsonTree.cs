using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>JSON helpers of the store: RFC 7386 merge patch, and the separator of its sort keys. Field paths of managed fields are <see cref="Ssa.FieldPath"/>.</summary>
internal static class JsonTree
{
    public const char Separator = '\u001f';

    /// <summary>RFC 7386 JSON merge patch, applied in place on a clone of the target.</summary>
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var merged = MergePatch(result[key], value);
                result[key] = merged;
            }
        }

        return result;
    }
}
