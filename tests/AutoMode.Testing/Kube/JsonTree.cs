using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>
/// Field-path helpers over <see cref="JsonObject"/> trees. A field path is its segments joined by <see cref="Separator"/>
/// (label keys may contain '/' and '.'). Lists are atomic: a path ends at a list, never inside it.
/// </summary>
internal static class JsonTree
{
    public const char Separator = '\u001f';

    private static readonly HashSet<string> OwnableMetadata = new(StringComparer.Ordinal)
    {
        "labels", "annotations", "finalizers", "ownerReferences",
    };

    /// <summary>Leaf paths of an object's user-owned fields (no apiVersion/kind/system metadata).</summary>
    public static HashSet<string> Leaves(JsonObject root)
    {
        var leaves = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in root)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            if (key == "metadata")
            {
                if (value is JsonObject metadata)
                {
                    foreach (var (metaKey, metaValue) in metadata)
                    {
                        if (OwnableMetadata.Contains(metaKey))
                        {
                            Collect(metaValue, "metadata" + Separator + metaKey, leaves);
                        }
                    }
                }

                continue;
            }

            Collect(value, key, leaves);
        }

        return leaves;
    }

    private static void Collect(JsonNode? node, string prefix, HashSet<string> into)
    {
        if (node is null)
        {
            return;
        }

        if (node is JsonObject obj && obj.Count > 0)
        {
            foreach (var (key, value) in obj)
            {
                Collect(value, prefix + Separator + key, into);
            }

            return;
        }

        into.Add(prefix);
    }

    public static bool IsSameOrNested(string path, string other) =>
        path == other
        || (path.Length > other.Length && path[other.Length] == Separator && path.StartsWith(other, StringComparison.Ordinal))
        || (other.Length > path.Length && other[path.Length] == Separator && other.StartsWith(path, StringComparison.Ordinal));

    public static bool TryGet(JsonObject root, string path, out JsonNode? value)
    {
        JsonNode? current = root;
        foreach (var segment in path.Split(Separator))
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(segment, out current))
            {
                value = null;
                return false;
            }
        }

        value = current;
        return true;
    }

    /// <summary>Removes the field at <paramref name="path"/> and any parent maps it leaves empty (top-level keys stay).</summary>
    public static void Remove(JsonObject root, string path)
    {
        var segments = path.Split(Separator);
        var chain = new List<JsonObject> { root };
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (chain[^1][segments[i]] is not JsonObject next)
            {
                return;
            }

            chain.Add(next);
        }

        chain[^1].Remove(segments[^1]);
        for (var i = chain.Count - 1; i >= 2 && chain[i].Count == 0; i--)
        {
            chain[i - 1].Remove(segments[i - 1]);
        }
    }

    /// <summary>Deep-merges <paramref name="source"/> into <paramref name="target"/>: maps merge, lists and scalars replace, null removes.</summary>
    public static void DeepMerge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject sourceChild && target[key] is JsonObject targetChild)
            {
                DeepMerge(targetChild, sourceChild);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

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

    /// <summary>Renders a set of leaf paths in the FieldsV1 format: <c>{"f:spec":{"f:limits":{"f:cpu":{}}}}</c>.</summary>
    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var segment in path.Split(Separator))
            {
                var key = "f:" + segment;
                if (node[key] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[key] = child;
                }

                node = child;
            }
        }

        return root;
    }

    /// <summary>Parses FieldsV1 back into leaf paths (entries with children are not leaves).</summary>
    public static HashSet<string> FromFieldsV1(JsonObject fields)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        Walk(fields, string.Empty);
        return paths;

        void Walk(JsonObject node, string prefix)
        {
            foreach (var (key, value) in node)
            {
                if (!key.StartsWith("f:", StringComparison.Ordinal))
                {
                    continue;
                }

                var path = prefix.Length == 0 ? key[2..] : prefix + Separator + key[2..];
                if (value is JsonObject child && child.Any(p => p.Key.StartsWith("f:", StringComparison.Ordinal)))
                {
                    Walk(child, path);
                }
                else
                {
                    paths.Add(path);
                }
            }
        }
    }

    public static string Display(string path) => "." + path.Replace(Separator, '.');
}
