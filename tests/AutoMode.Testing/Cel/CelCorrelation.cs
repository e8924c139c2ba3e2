using System.Text.Json.Nodes;

namespace AutoMode.Testing.Cel;

/// <summary>
/// A new value and the old value it correlates with, for validation ratcheting (CRDValidationRatcheting, beta and on
/// by default since Kubernetes 1.30, GA in 1.33): a failed rule that does not use oldSelf is only a warning when the
/// value it checks (or, for a node that does not correlate, its nearest correlating ancestor) is unchanged. Port of
/// CorrelatedObject in kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/cel/common/equality.go: map fields
/// correlate by key, list items only in <c>x-kubernetes-list-type: map</c> lists (by their keys).
/// </summary>
internal sealed class CelCorrelation(JsonNode? value, JsonNode? old, CelSchemaNode schema)
{
    private bool? _equal;

    public CelCorrelation? Key(string field)
    {
        if (value is JsonObject current && old is JsonObject previous
            && current.TryGetPropertyValue(field, out var now) && previous.TryGetPropertyValue(field, out var before)
            && schema.Child(field) is { } child)
        {
            return new CelCorrelation(now, before, child);
        }

        return null;
    }

    public CelCorrelation? Index(int index)
    {
        if (value is JsonArray current && old is JsonArray previous && index < current.Count && schema.ListType == "map"
            && schema.Items is { } items && FindByKeys(previous, current[index], schema.ListMapKeys) is { } before)
        {
            return new CelCorrelation(current[index], before, items);
        }

        return null;
    }

    /// <summary>CachedDeepEqual: map-type lists compare item by key, other lists in order, maps field by field.</summary>
    public bool DeepEqual() => _equal ??= Compare();

    /// <summary>The old item of a map-type list with the same key values as <paramref name="item"/> (MakeMapList(...).Get).</summary>
    public static JsonNode? FindByKeys(JsonArray old, JsonNode? item, IReadOnlyList<string> keys)
    {
        if (item is not JsonObject wanted || keys.Count == 0)
        {
            return null;
        }

        return old.OfType<JsonObject>().FirstOrDefault(o => keys.All(k => JsonNode.DeepEquals(o[k], wanted[k])));
    }

    private bool Compare()
    {
        if (value is null || old is null)
        {
            return value is null && old is null;
        }

        switch (value, old)
        {
            case (JsonArray current, JsonArray previous):
                if (current.Count != previous.Count)
                {
                    return false;
                }

                if (schema.ListType != "map")
                {
                    return JsonNode.DeepEquals(current, previous);
                }

                for (var i = 0; i < current.Count; i++)
                {
                    if (Index(i) is not { } child || !child.DeepEqual())
                    {
                        return false;
                    }
                }

                return true;
            case (JsonObject current, JsonObject previous):
                return current.Count == previous.Count && current.All(p => Key(p.Key) is { } child && child.DeepEqual());
            case (JsonArray, _) or (_, JsonArray) or (JsonObject, _) or (_, JsonObject):
                return false;
            default:
                return JsonNode.DeepEquals(value, old);
        }
    }
}
