using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube.Ssa;

/// <summary>A value that may be absent (as opposed to present and JSON null).</summary>
internal readonly record struct Val(bool Present, JsonNode? Node)
{
    public static readonly Val Absent = new(false, null);

    public static Val Of(JsonNode? node) => new(true, node);

    public static Val Field(JsonObject? obj, string key) =>
        obj is not null && obj.TryGetPropertyValue(key, out var value) ? new Val(true, value) : Absent;
}

/// <summary>The three sets of a comparison (structured-merge-diff typed.Comparison).</summary>
internal sealed record Comparison(HashSet<string> Added, HashSet<string> Modified, HashSet<string> Removed)
{
    public static Comparison Empty() => new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
}

/// <summary>
/// The typed operations server-side apply is built from, ported from kubernetes-sigs/structured-merge-diff typed/:
/// <see cref="ToFieldSet"/> (tofieldset.go), <see cref="Merge"/> (merge.go, the "keep RHS" rule of typed.go Merge),
/// <see cref="Compare"/> (compare.go with typed.go's Compare rules) and <see cref="RemoveItems"/> (remove.go).
/// Leaves are scalars, atomic lists and maps, and empty lists/maps on both sides ("emptyPromoteToLeaf").
/// </summary>
internal static class Typed
{
    /// <summary>Paths of every owned field of <paramref name="value"/>: scalars, atomic nodes, list items, undeclared map keys.</summary>
    public static HashSet<string> ToFieldSet(JsonNode? value, SchemaNode schema)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        Collect(value, schema, string.Empty, set);
        return set;
    }

    private static void Collect(JsonNode? value, SchemaNode? schema, string path, HashSet<string> set)
    {
        schema ??= SchemaNode.Deduced;
        switch (value)
        {
            case JsonObject obj:
                if (schema.MapAtomic)
                {
                    set.Add(path);
                    return;
                }

                foreach (var (key, child) in obj)
                {
                    var childSchema = schema.Child(key, out var declared);
                    var childPath = FieldPath.Append(path, FieldPath.Field(key));
                    Collect(child, childSchema, childPath, set);
                    if (!declared)
                    {
                        set.Add(childPath);
                    }
                }

                return;
            case JsonArray array:
                if (!schema.IsAssociativeList)
                {
                    set.Add(path);
                    return;
                }

                foreach (var item in array)
                {
                    var itemPath = FieldPath.Append(path, FieldPath.Item(schema, item));
                    Collect(item, schema.Items, itemPath, set);
                    set.Add(itemPath);
                }

                return;
            default:
                if (path.Length > 0)
                {
                    set.Add(path);
                }

                return;
        }
    }

    /// <summary>Merges an applied configuration (<paramref name="rhs"/>) into the live object: the configuration wins on every leaf it sets.</summary>
    public static JsonNode? Merge(JsonNode? lhs, JsonNode? rhs, SchemaNode schema) =>
        Zip(Val.Of(lhs), Val.Of(rhs), schema, string.Empty, leaf: null, item: null).Node;

    /// <summary>What changed from <paramref name="lhs"/> to <paramref name="rhs"/>, as field paths.</summary>
    public static Comparison Compare(JsonNode? lhs, JsonNode? rhs, SchemaNode schema)
    {
        var result = Comparison.Empty();
        Zip(Val.Of(lhs), Val.Of(rhs), schema, string.Empty,
            leaf: (l, r, path) =>
            {
                if (!l.Present)
                {
                    result.Added.Add(path);
                }
                else if (!r.Present)
                {
                    result.Removed.Add(path);
                }
                else if (!JsonNode.DeepEquals(l.Node, r.Node))
                {
                    result.Modified.Add(path);
                }
            },
            item: (l, r, path) =>
            {
                if (!l.Present)
                {
                    result.Added.Add(path);
                }
                else if (!r.Present)
                {
                    result.Removed.Add(path);
                }
            });
        return result;
    }

    private static Val Zip(Val l, Val r, SchemaNode? schema, string path, Action<Val, Val, string>? leaf, Action<Val, Val, string>? item)
    {
        schema ??= SchemaNode.Deduced;
        // deduceAtom: the shape of the value decides; when the two sides differ in shape the configuration replaces.
        if (l.Present && r.Present && Shape(l.Node) != Shape(r.Node))
        {
            leaf?.Invoke(l, r, path);
            return r;
        }

        var shape = Shape(r.Present ? r.Node : l.Node);
        Val result;
        if (shape == 'o')
        {
            var lo = l.Node as JsonObject;
            var ro = r.Node as JsonObject;
            if (schema.MapAtomic || ((lo is null || lo.Count == 0) && (ro is null || ro.Count == 0)))
            {
                leaf?.Invoke(l, r, path);
                return r.Present ? r : l;
            }

            var output = new JsonObject();
            foreach (var key in Keys(lo, ro))
            {
                var childSchema = schema.Child(key, out _);
                var merged = Zip(Val.Field(lo, key), Val.Field(ro, key), childSchema, FieldPath.Append(path, FieldPath.Field(key)), leaf, item);
                if (merged.Present)
                {
                    output[key] = merged.Node?.DeepClone();
                }
            }

            result = output.Count > 0 ? Val.Of(output) : Val.Absent;
        }
        else if (shape == 'a')
        {
            var la = l.Node as JsonArray;
            var ra = r.Node as JsonArray;
            if (!schema.IsAssociativeList || ((la is null || la.Count == 0) && (ra is null || ra.Count == 0)))
            {
                leaf?.Invoke(l, r, path);
                return r.Present ? r : l;
            }

            result = ZipList(schema, la, ra, path, leaf, item);
        }
        else
        {
            leaf?.Invoke(l, r, path);
            return r.Present ? r : l;
        }

        if (path.Length > 0)
        {
            item?.Invoke(l, r, path);
        }

        return result;
    }

    private static Val ZipList(SchemaNode schema, JsonArray? lhs, JsonArray? rhs, string path, Action<Val, Val, string>? leaf, Action<Val, Val, string>? item)
    {
        var (rhsOrder, observedRhs) = Index(schema, rhs);
        var (lhsOrder, observedLhs) = Index(schema, lhs);
        var output = new JsonArray();
        void Add(string pe, Val lChild, Val rChild)
        {
            var merged = Zip(lChild, rChild, schema.Items, FieldPath.Append(path, pe), leaf, item);
            if (merged.Present)
            {
                output.Add(merged.Node?.DeepClone());
            }
        }

        // The interleaving of merge.go visitListItems: live items keep their place, configured items follow the configuration's order.
        var shared = new Queue<string>(rhsOrder.Where(observedLhs.ContainsKey));
        shared.TryDequeue(out var nextShared);
        for (int li = 0, ri = 0; li < lhsOrder.Count || ri < rhsOrder.Count;)
        {
            if (li < lhsOrder.Count && ri < rhsOrder.Count)
            {
                var pe = lhsOrder[li];
                if (pe == rhsOrder[ri])
                {
                    Add(pe, Val.Of(observedLhs[pe]), Val.Of(observedRhs[pe]));
                    li++;
                    ri++;
                    shared.TryDequeue(out nextShared);
                    continue;
                }

                if (observedRhs.ContainsKey(pe) && nextShared is not null && nextShared != pe)
                {
                    li++;
                    continue;
                }
            }

            if (li < lhsOrder.Count && !observedRhs.ContainsKey(lhsOrder[li]))
            {
                Add(lhsOrder[li], Val.Of(observedLhs[lhsOrder[li]]), Val.Absent);
                li++;
                continue;
            }

            if (ri < rhsOrder.Count)
            {
                var pe = rhsOrder[ri];
                Add(pe, observedLhs.TryGetValue(pe, out var live) ? Val.Of(live) : Val.Absent, Val.Of(observedRhs[pe]));
                ri++;
                if (nextShared == pe)
                {
                    shared.TryDequeue(out nextShared);
                }
            }
        }

        return output.Count > 0 ? Val.Of(output) : Val.Absent;
    }

    private static (List<string> Order, Dictionary<string, JsonNode?> Items) Index(SchemaNode schema, JsonArray? list)
    {
        var order = new List<string>();
        var items = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var child in list ?? [])
        {
            var pe = FieldPath.Item(schema, child);
            if (items.TryAdd(pe, child))
            {
                order.Add(pe);
            }
        }

        return (order, items);
    }

    /// <summary>
    /// Removes the members of <paramref name="toRemove"/> (paths relative to <paramref name="value"/>). A map left empty
    /// becomes JSON null, as in remove.go; the API server then drops or defaults that null (PruneNonNullableNullsWithoutDefaults).
    /// </summary>
    public static JsonNode? RemoveItems(JsonNode? value, IReadOnlySet<string> toRemove, SchemaNode? schema)
    {
        schema ??= SchemaNode.Deduced;
        switch (value)
        {
            case JsonArray array when array.Count > 0 && schema.IsAssociativeList:
                {
                    var items = new JsonArray();
                    foreach (var child in array)
                    {
                        var pe = FieldPath.Item(schema, child);
                        if (toRemove.Contains(pe))
                        {
                            continue;
                        }

                        var subset = FieldPath.WithPrefix(toRemove, pe);
                        items.Add(subset.Count > 0 ? RemoveItems(child, subset, schema.Items) : child?.DeepClone());
                    }

                    return items.Count > 0 ? items : null;
                }

            case JsonObject obj when obj.Count > 0 && !schema.MapAtomic:
                {
                    var map = new JsonObject();
                    foreach (var (key, child) in obj)
                    {
                        var pe = FieldPath.Field(key);
                        if (toRemove.Contains(pe))
                        {
                            continue;
                        }

                        var subset = FieldPath.WithPrefix(toRemove, pe);
                        map[key] = subset.Count > 0 ? RemoveItems(child, subset, schema.Child(key, out _)) : child?.DeepClone();
                    }

                    return map.Count > 0 ? map : null;
                }

            default:
                return value?.DeepClone();
        }
    }

    /// <summary>The first field of <paramref name="value"/> the schema does not declare (structured-merge-diff refuses to type such an object).</summary>
    public static string? FirstUndeclaredField(JsonNode? value, SchemaNode? schema, string path = "")
    {
        if (schema is null)
        {
            return path;
        }

        switch (value)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    var childPath = path + "." + key;
                    if (schema.Child(key, out _) is not { } childSchema)
                    {
                        return childPath;
                    }

                    if (FirstUndeclaredField(child, childSchema, childPath) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FirstUndeclaredField(array[i], schema.Items ?? SchemaNode.Deduced, $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static IEnumerable<string> Keys(JsonObject? lhs, JsonObject? rhs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in lhs ?? [])
        {
            if (seen.Add(key))
            {
                yield return key;
            }
        }

        foreach (var (key, _) in rhs ?? [])
        {
            if (seen.Add(key))
            {
                yield return key;
            }
        }
    }

    private static char Shape(JsonNode? node) => node switch
    {
        JsonObject => 'o',
        JsonArray => 'a',
        _ => 's',
    };
}
