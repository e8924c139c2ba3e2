using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube.Ssa;

/// <summary>A refused apply: the fields of other managers the configuration would change.</summary>
internal sealed class ApplyConflictException(IReadOnlyList<(ManagedEntry Owner, string Path)> conflicts)
    : Exception($"Apply failed with {conflicts.Count} conflict{(conflicts.Count == 1 ? string.Empty : "s")}")
{
    public IReadOnlyList<(ManagedEntry Owner, string Path)> Conflicts { get; } = conflicts;
}

/// <summary>
/// Field ownership as kubernetes-sigs/structured-merge-diff merge/update.go's Updater computes it, over "views" of the
/// object (no apiVersion/kind, metadata reduced to its ownable fields: see <see cref="View"/>).
/// <list type="bullet">
/// <item><see cref="Update"/> (create, PUT, merge/JSON patch): the writer gains every field the write added or
/// modified and loses those it removed; every other manager loses the fields the write changed or removed.</item>
/// <item><see cref="Apply"/>: the live object merged with the configuration (map lists by key, set lists by value,
/// atomic lists and maps replaced whole); the applier's set becomes exactly the configuration's fields; fields it
/// applied last time and not now are removed unless another applier owns them (prune / addBackOwnedItems /
/// addBackDanglingItems: fields owned only through Update operations do not protect a field); changing a field
/// another manager owns is a conflict unless forced, and a forced apply takes it from them.</item>
/// </list>
/// </summary>
internal static class FieldManager
{
    private static readonly HashSet<string> OwnableMetadata = new(StringComparer.Ordinal) { "labels", "annotations", "finalizers", "ownerReferences" };

    /// <summary>
    /// What field management sees of an object: no apiVersion or kind, and of metadata only labels, annotations,
    /// finalizers and ownerReferences (k8s.io/apimachinery pkg/util/managedfields/internal/stripmeta.go strips the rest).
    /// </summary>
    public static JsonObject View(JsonObject obj)
    {
        var view = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            if (key == "metadata")
            {
                var metadata = new JsonObject();
                foreach (var (metaKey, metaValue) in value as JsonObject ?? [])
                {
                    if (OwnableMetadata.Contains(metaKey))
                    {
                        metadata[metaKey] = metaValue?.DeepClone();
                    }
                }

                if (metadata.Count > 0)
                {
                    view["metadata"] = metadata;
                }

                continue;
            }

            view[key] = value?.DeepClone();
        }

        return view;
    }

    /// <summary>Puts a view back together with the system metadata, apiVersion and kind of <paramref name="template"/>.</summary>
    public static JsonObject Restore(JsonObject view, JsonObject template)
    {
        var result = new JsonObject
        {
            ["apiVersion"] = template["apiVersion"]?.DeepClone(),
            ["kind"] = template["kind"]?.DeepClone(),
        };
        var metadata = new JsonObject();
        foreach (var (key, value) in template["metadata"] as JsonObject ?? [])
        {
            if (!OwnableMetadata.Contains(key))
            {
                metadata[key] = value?.DeepClone();
            }
        }

        foreach (var (key, value) in view["metadata"] as JsonObject ?? [])
        {
            metadata[key] = value?.DeepClone();
        }

        result["metadata"] = metadata;
        foreach (var (key, value) in view)
        {
            if (key != "metadata")
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    public static void Update(JsonObject liveView, JsonObject newView, SchemaNode schema, List<ManagedEntry> entries, ManagedEntry writer)
    {
        var compare = Typed.Compare(liveView, newView, schema);
        TakeFromOthers(compare, entries, writer, force: true);
        if (!entries.Contains(writer))
        {
            entries.Add(writer);
        }

        writer.Fields.UnionWith(compare.Modified);
        writer.Fields.UnionWith(compare.Added);
        writer.Fields.ExceptWith(compare.Removed);
        entries.RemoveAll(e => e.Fields.Count == 0);
    }

    /// <summary>Returns the new view; <paramref name="entries"/> is updated in place (throws <see cref="ApplyConflictException"/>, leaving it partly changed).</summary>
    public static JsonObject Apply(JsonObject liveView, JsonObject config, SchemaNode schema, List<ManagedEntry> entries, ManagedEntry applier, bool force)
    {
        var merged = Typed.Merge(liveView, config, schema) as JsonObject ?? new JsonObject();
        var lastSet = entries.Contains(applier) ? new HashSet<string>(applier.Fields, StringComparer.Ordinal) : null;
        applier.Fields.Clear();
        applier.Fields.UnionWith(Typed.ToFieldSet(config, schema));
        if (!entries.Contains(applier))
        {
            entries.Add(applier);
        }

        if (lastSet is { Count: > 0 })
        {
            merged = Prune(merged, schema, entries, lastSet);
        }

        var compare = Typed.Compare(liveView, merged, schema);
        TakeFromOthers(compare, entries, applier, force);
        entries.RemoveAll(e => e.Fields.Count == 0);
        return merged;
    }

    private static JsonObject Prune(JsonObject merged, SchemaNode schema, List<ManagedEntry> entries, HashSet<string> lastSet)
    {
        var pruned = Typed.RemoveItems(merged, lastSet, schema) ?? new JsonObject();

        // addBackOwnedItems: what another applier (or this one's new configuration) owns stays.
        var managed = entries.Where(e => e.Operation == "Apply").SelectMany(e => e.Fields).ToHashSet(StringComparer.Ordinal);
        var mergedSet = Typed.ToFieldSet(merged, schema);
        var keep = Typed.ToFieldSet(pruned, schema);
        keep.UnionWith(managed);
        pruned = Typed.RemoveItems(merged, mergedSet.Where(p => !keep.Contains(p)).ToHashSet(StringComparer.Ordinal), schema) ?? new JsonObject();

        // addBackDanglingItems: only what this applier applied last time may be removed.
        var prunedSet = Typed.ToFieldSet(pruned, schema);
        var removable = mergedSet.Where(p => !prunedSet.Contains(p) && lastSet.Contains(p)).ToHashSet(StringComparer.Ordinal);
        return Typed.RemoveItems(merged, removable, schema) as JsonObject ?? new JsonObject();
    }

    private static void TakeFromOthers(Comparison compare, List<ManagedEntry> entries, ManagedEntry writer, bool force)
    {
        var changed = new HashSet<string>(compare.Modified, StringComparer.Ordinal);
        changed.UnionWith(compare.Added);
        var conflicts = new List<(ManagedEntry, string)>();
        foreach (var other in entries.Where(e => e != writer))
        {
            conflicts.AddRange(other.Fields.Where(changed.Contains).Order(StringComparer.Ordinal).Select(p => (other, p)));
        }

        if (conflicts.Count > 0 && !force)
        {
            throw new ApplyConflictException(conflicts);
        }

        foreach (var other in entries.Where(e => e != writer))
        {
            other.Fields.ExceptWith(changed);
            other.Fields.ExceptWith(compare.Removed);
        }
    }
}
