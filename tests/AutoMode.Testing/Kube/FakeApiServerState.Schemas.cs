using System.Text.Json.Nodes;
using AutoMode.Testing.Kube.Ssa;

namespace AutoMode.Testing.Kube;

/// <summary>
/// Schemas, defaulting, pruning and structured server-side apply: the parts of the store that read a kind's
/// openAPIV3Schema (<see cref="SetSchema"/>). A kind without a schema behaves as a CRD whose schema declares every
/// field it is sent: nothing pruned or defaulted, maps granular, lists atomic.
/// </summary>
public sealed partial class FakeApiServerState
{
    private readonly Dictionary<string, SchemaNode> _schemas = [];

    /// <summary>
    /// Serves <paramref name="plural"/> with a CRD's <c>openAPIV3Schema</c>: unknown fields are pruned, defaults applied
    /// on every write and read, and server-side apply merges lists by their <c>x-kubernetes-list-type</c>. Objects
    /// already stored show the defaults from now on, without a write (no new resourceVersion, no event), as objects
    /// read from etcd do after a CRD gains a default.
    /// </summary>
    public void SetSchema(string plural, JsonObject openApiV3Schema)
    {
        ArgumentNullException.ThrowIfNull(openApiV3Schema);
        lock (_gate)
        {
            var type = ResolveTypeLocked(plural);
            var root = SchemaNode.Root(openApiV3Schema);
            _schemas[type.Key] = root;
            var bucket = Bucket(type);
            foreach (var (key, stored) in bucket.ToList())
            {
                var body = stored.CloneBody();
                StructuralCoercion.Coerce(body, root);
                bucket[key] = StoredObject.Create(type, stored.Namespace, stored.Name, body, stored.Managed);
            }
        }
    }

    private SchemaNode SchemaOf(FakeResourceType type) => _schemas.GetValueOrDefault(type.Key) ?? SchemaNode.OpenRoot;

    /// <summary>Prunes and defaults a body about to be stored, as decoding it would (no-op without a schema).</summary>
    private void CoerceLocked(FakeResourceType type, JsonObject body)
    {
        if (_schemas.TryGetValue(type.Key, out var schema))
        {
            StructuralCoercion.Coerce(body, schema);
        }
    }

    /// <summary>
    /// Coerces a new object and returns its creator's fields: for Apply the configuration's fields (defaults are
    /// applied after the merge and belong to no one), for Update everything the create added (defaults included, as
    /// the real server decodes, and so defaults, a request body before the field manager sees it).
    /// </summary>
    private HashSet<string> CreateFieldsLocked(FakeResourceType type, string name, JsonObject created, string operation)
    {
        var schema = SchemaOf(type);
        try
        {
            if (operation == "Apply")
            {
                var config = FieldManager.View(created);
                CheckDeclared(type, created, name, schema);
                CoerceLocked(type, created);
                return Typed.ToFieldSet(config, schema);
            }

            CoerceLocked(type, created);
            var compare = Typed.Compare(new JsonObject(), FieldManager.View(created), schema);
            compare.Added.UnionWith(compare.Modified);
            return compare.Added;
        }
        catch (InvalidItemException invalid)
        {
            throw FakeApiException.Invalid(type, name, invalid.Message);
        }
    }

    /// <summary>Coerces <paramref name="proposed"/> and returns the managed fields after an Update by <paramref name="manager"/>.</summary>
    private List<ManagedEntry> UpdateFieldsLocked(StoredObject old, JsonObject proposed, string manager, string? subresource)
    {
        CoerceLocked(old.Type, proposed);
        var entries = old.Managed.Select(e => e.Clone()).ToList();
        var writer = entries.Find(e => e.Is(manager, "Update", subresource)) ?? new ManagedEntry(manager, "Update", subresource, old.Type.ApiVersion);
        try
        {
            FieldManager.Update(FieldManager.View(old.Body), FieldManager.View(proposed), SchemaOf(old.Type), entries, writer);
        }
        catch (InvalidItemException invalid)
        {
            throw FakeApiException.Invalid(old.Type, old.Name, invalid.Message);
        }

        return entries;
    }

    /// <summary>Server-side apply onto a stored object; returns the object to store and its managed fields.</summary>
    private (JsonObject Merged, List<ManagedEntry> Entries) ApplyFieldsLocked(StoredObject old, JsonObject intent, string manager, string? subresource, bool force)
    {
        var type = old.Type;
        var schema = SchemaOf(type);
        CheckDeclared(type, intent, old.Name, schema);

        // The strategy resets what the endpoint may not write: status on the main resource, all but status on /status.
        var config = FieldManager.View(intent);
        if (subresource == "status")
        {
            config = config["status"] is { } status ? new JsonObject { ["status"] = status.DeepClone() } : new JsonObject();
        }
        else if (type.HasStatusSubresource)
        {
            config.Remove("status");
        }

        var entries = old.Managed.Select(e => e.Clone()).ToList();
        var applier = entries.Find(e => e.Is(manager, "Apply", subresource)) ?? new ManagedEntry(manager, "Apply", subresource, type.ApiVersion);
        JsonObject view;
        try
        {
            view = FieldManager.Apply(FieldManager.View(old.Body), config, schema, entries, applier, force);
        }
        catch (ApplyConflictException conflict)
        {
            throw ConflictError(type, old.Name, conflict);
        }
        catch (InvalidItemException invalid)
        {
            throw FakeApiException.Invalid(type, old.Name, invalid.Message);
        }

        var merged = FieldManager.Restore(view, old.Body);
        CoerceLocked(type, merged);
        if (!_schemas.ContainsKey(type.Key))
        {
            // Without a schema nothing is nullable: a map the apply emptied goes, as for a CRD.
            StructuralCoercion.PruneNonNullableNullsWithoutDefaults(merged, SchemaNode.OpenRoot);
        }

        return (merged, entries);
    }

    /// <summary>
    /// An applied configuration with a field the schema does not declare cannot be typed: the real server answers
    /// 500 with this message (kubernetes/kubernetes issue 139253, structuredmerge.go "failed to create typed patch object").
    /// </summary>
    private static void CheckDeclared(FakeResourceType type, JsonObject intent, string name, SchemaNode schema)
    {
        if (Typed.FirstUndeclaredField(FieldManager.View(intent), schema) is { } field)
        {
            throw new FakeApiException(500, "InternalError",
                $"failed to create typed patch object (/{name}; {type.ApiVersion}, Kind={type.Kind}): {field}: field not declared in schema");
        }
    }

    private static FakeApiException ConflictError(FakeResourceType type, string name, ApplyConflictException conflict)
    {
        var causes = new JsonArray(conflict.Conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["type"] = "FieldManagerConflict",
            ["message"] = $"conflict with \"{c.Owner.Manager}\"" + (c.Owner.Subresource is null ? string.Empty : $" with subresource \"{c.Owner.Subresource}\""),
            ["field"] = FieldPath.Display(c.Path),
        }).ToArray());
        var details = FakeApiException.DetailsFor(type, name);
        details["causes"] = causes;
        var list = string.Join("\n", conflict.Conflicts.Select(c => $"- conflict with \"{c.Owner.Manager}\": {FieldPath.Display(c.Path)}"));
        var count = conflict.Conflicts.Count;
        return new FakeApiException(409, "Conflict", $"Apply failed with {count} conflict{(count == 1 ? string.Empty : "s")}:\n{list}", details);
    }
}
