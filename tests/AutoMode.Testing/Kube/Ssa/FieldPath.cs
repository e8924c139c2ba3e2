using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube.Ssa;

/// <summary>
/// Field paths as structured-merge-diff writes them in FieldsV1 (kubernetes-sigs/structured-merge-diff
/// fieldpath/serialize-pe.go): each element is <c>f:&lt;field&gt;</c>, <c>k:&lt;key fields as JSON, sorted&gt;</c> for an
/// item of a <c>listType=map</c> list, or <c>v:&lt;value as JSON&gt;</c> for an item of a <c>listType=set</c> list. A path
/// is its elements joined by <see cref="Separator"/>; the root is the empty string.
/// </summary>
internal static class FieldPath
{
    public const char Separator = '\u001f';

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Field(string name) => "f:" + name;

    public static string Append(string path, string element) => path.Length == 0 ? element : path + Separator + element;

    /// <summary>
    /// The element naming a list item (structured-merge-diff typed/helpers.go listItemToPathElement): its key fields
    /// for <c>map</c> lists (a missing key takes the key field's schema default, else the item is invalid), its value for <c>set</c> lists.
    /// </summary>
    public static string Item(SchemaNode list, JsonNode? item)
    {
        if (list.ListType == "set")
        {
            return "v:" + Canonical(item);
        }

        if (item is not JsonObject obj)
        {
            throw new InvalidItemException("associative list with keys has an element that is not a map");
        }

        var keys = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var key in list.ListMapKeys)
        {
            if (obj.TryGetPropertyValue(key, out var value) && value is not null)
            {
                keys[key] = value;
            }
            else if (list.Items?.Properties.GetValueOrDefault(key)?.Default is { } fallback)
            {
                keys[key] = fallback;
            }
            else
            {
                throw new InvalidItemException($"associative list with keys has an element that omits key field \"{key}\" (and doesn't have default value)");
            }
        }

        var text = new StringBuilder("k:{");
        var first = true;
        foreach (var (key, value) in keys)
        {
            text.Append(first ? string.Empty : ",").Append(JsonSerializer.Serialize(key, Compact)).Append(':').Append(Canonical(value));
            first = false;
        }

        return text.Append('}').ToString();
    }

    /// <summary>Compact JSON with object keys sorted, so equal values give equal elements.</summary>
    public static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key, Compact) + ":" + Canonical(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        _ => node.ToJsonString(Compact),
    };

    /// <summary>The path as the API server prints it in a conflict: <c>.spec.taints[effect="NoSchedule",key="a"]</c>, <c>.spec.zones[="a"]</c>.</summary>
    public static string Display(string path)
    {
        var text = new StringBuilder();
        foreach (var element in path.Split(Separator))
        {
            switch (element[0])
            {
                case 'f':
                    text.Append('.').Append(element[2..]);
                    break;
                case 'v':
                    text.Append("[=").Append(element[2..]).Append(']');
                    break;
                default:
                    var keys = JsonNode.Parse(element[2..])!.AsObject();
                    text.Append('[').Append(string.Join(",", keys.Select(k => $"{k.Key}={k.Value?.ToJsonString()}"))).Append(']');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Renders a set of paths as FieldsV1: a path that is itself in the set and has children gets a <c>".": {}</c> entry.</summary>
    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        var set = paths.ToHashSet(StringComparer.Ordinal);
        foreach (var path in set.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var element in path.Split(Separator))
            {
                if (node[element] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[element] = child;
                }

                node = child;
            }
        }

        MarkMembers(root, string.Empty);
        return root;

        void MarkMembers(JsonObject node, string prefix)
        {
            foreach (var (key, value) in node.ToList())
            {
                if (key == "." || value is not JsonObject child)
                {
                    continue;
                }

                var path = Append(prefix, key);
                if (child.Count > 0)
                {
                    MarkMembers(child, path);
                    if (set.Contains(path))
                    {
                        child.Insert(0, ".", new JsonObject());
                    }
                }
            }
        }
    }

    /// <summary>Parses FieldsV1 back into paths.</summary>
    public static HashSet<string> FromFieldsV1(JsonObject fields)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        Walk(fields, string.Empty);
        return paths;

        void Walk(JsonObject node, string prefix)
        {
            foreach (var (key, value) in node)
            {
                if (key == ".")
                {
                    paths.Add(prefix);
                    continue;
                }

                var path = Append(prefix, key);
                if (value is JsonObject child && child.Count > 0)
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

    /// <summary>The paths of <paramref name="set"/> under <paramref name="element"/>, relative to it (fieldpath.Set.WithPrefix).</summary>
    public static HashSet<string> WithPrefix(IReadOnlySet<string> set, string element)
    {
        var prefix = element + Separator;
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in set)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                result.Add(path[prefix.Length..]);
            }
        }

        return result;
    }
}

/// <summary>A value the schema cannot give a path to (a map-list item without its keys, a duplicate key).</summary>
internal sealed class InvalidItemException(string message) : Exception(message);
