using System.Globalization;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>HTTP writes (create, update, patch, apply, delete) and the locked write pipeline behind them.</summary>
public sealed partial class FakeApiServerState
{
    internal string Create(FakeResourceType type, string ns, JsonObject body, string manager)
    {
        CheckIdentity(type, ns, body, name: null);
        lock (_gate)
        {
            return CreateLocked(type, ns, body, manager, keepStatus: !type.HasStatusSubresource).Json;
        }
    }

    internal string Replace(FakeResourceType type, string ns, string name, string? subresource, JsonObject body, string manager)
    {
        CheckIdentity(type, ns, body, name);
        lock (_gate)
        {
            var old = Find(type, ns, name) ?? throw FakeApiException.NotFound(type, name);
            var rv = body["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (string.IsNullOrEmpty(rv))
            {
                throw FakeApiException.Invalid(type, name, "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update");
            }

            if (rv != old.ResourceVersion)
            {
                throw FakeApiException.Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");
            }

            var proposed = Scope(type, old.Body, body, subresource);
            return UpdateLocked(old, proposed, manager, subresource).Json;
        }
    }

    internal string Patch(FakeResourceType type, string ns, string name, string? subresource, string contentType, JsonNode? patch, string manager)
    {
        lock (_gate)
        {
            var old = Find(type, ns, name) ?? throw FakeApiException.NotFound(type, name);
            JsonObject patched;
            if (contentType.StartsWith("application/json-patch+json", StringComparison.Ordinal))
            {
                patched = JsonPatchDocument.Apply(old.Body, patch as JsonArray ?? throw FakeApiException.BadRequest("json patch body must be an array"));
            }
            else
            {
                if (patch is not JsonObject patchObject)
                {
                    throw FakeApiException.BadRequest("merge patch body must be an object");
                }

                if (patchObject["metadata"]?["resourceVersion"]?.GetValue<string>() is { Length: > 0 } rv && rv != old.ResourceVersion)
                {
                    throw FakeApiException.Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");
                }

                patched = (JsonObject)JsonTree.MergePatch(old.Body, patchObject)!;
            }

            var proposed = Scope(type, old.Body, patched, subresource);
            return UpdateLocked(old, proposed, manager, subresource).Json;
        }
    }

    internal (string Json, bool Created) Apply(FakeResourceType type, string ns, string name, string? subresource, JsonObject intent, string manager, bool force)
    {
        CheckIdentity(type, ns, intent, name);
        if (intent["metadata"] is not JsonObject intentMetadata)
        {
            intent["metadata"] = intentMetadata = new JsonObject();
        }

        intentMetadata["name"] ??= name;
        if (intent["apiVersion"] is null || intent["kind"] is null)
        {
            throw FakeApiException.BadRequest("apply needs apiVersion and kind");
        }

        lock (_gate)
        {
            var old = Find(type, ns, name);
            if (old is null)
            {
                if (subresource is not null)
                {
                    throw FakeApiException.NotFound(type, name);
                }

                return (CreateLocked(type, ns, intent, manager, keepStatus: !type.HasStatusSubresource, operation: "Apply").Json, true);
            }

            return (ApplyLocked(old, intent, manager, subresource, force).Json, false);
        }
    }

    internal string DeleteObject(FakeResourceType type, string ns, string name, JsonObject? options, string? propagationPolicy = null)
    {
        lock (_gate)
        {
            var old = Find(type, ns, name) ?? throw FakeApiException.NotFound(type, name);
            var policy = options?["propagationPolicy"]?.GetValue<string>() ?? propagationPolicy;
            return DeleteLocked(old, options?["preconditions"] as JsonObject, policy).Json;
        }
    }

    private StoredObject CreateLocked(FakeResourceType type, string ns, JsonObject body, string manager, bool keepStatus, string operation = "Update")
    {
        var created = new JsonObject
        {
            ["apiVersion"] = type.ApiVersion,
            ["kind"] = type.Kind,
        };
        foreach (var (key, value) in body)
        {
            if (key is not ("apiVersion" or "kind" or "metadata") && (keepStatus || key != "status"))
            {
                created[key] = value?.DeepClone();
            }
        }

        var metadata = body["metadata"] is JsonObject m ? (JsonObject)m.DeepClone() : new JsonObject();
        var name = metadata["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            var prefix = metadata["generateName"]?.GetValue<string>();
            if (string.IsNullOrEmpty(prefix))
            {
                throw FakeApiException.Invalid(type, string.Empty, "metadata.name: Required value: name or generateName is required");
            }

            name = prefix + (++_generatedNames).ToString("x5", CultureInfo.InvariantCulture);
        }

        if (Find(type, ns, name) is not null)
        {
            throw FakeApiException.AlreadyExists(type, name);
        }

        foreach (var system in new[] { "resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
        {
            metadata.Remove(system);
        }

        metadata["name"] = name;
        if (type.Namespaced)
        {
            metadata["namespace"] = ns;
        }
        else
        {
            metadata.Remove("namespace");
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Now();
        metadata["generation"] = 1L;
        created["metadata"] = metadata;

        var entry = new ManagedEntry(manager, operation, null, type.ApiVersion) { Time = Now() };
        entry.Fields.UnionWith(CreateFieldsLocked(type, name, created, operation));
        var stored = Commit(type, ns, name, old: null, created, entry.Fields.Count > 0 ? [entry] : []);
        RunCreatedHooks(type, ns, name);
        CollectIfOwnersGoneLocked(stored);
        return stored;
    }

    private StoredObject UpdateLocked(StoredObject old, JsonObject proposed, string manager, string? subresource)
    {
        var oldFinalizers = Finalizers(old.Body);
        if (old.Body["metadata"]?["deletionTimestamp"] is not null && Finalizers(proposed).Except(oldFinalizers).Any())
        {
            throw FakeApiException.Invalid(old.Type, old.Name, "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted");
        }

        var entries = UpdateFieldsLocked(old, proposed, manager, subresource);
        return Commit(old.Type, old.Namespace, old.Name, old, proposed, entries);
    }

    private StoredObject ApplyLocked(StoredObject old, JsonObject intent, string manager, string? subresource, bool force)
    {
        // An apply that carries metadata.resourceVersion is a precondition like any patch that does: the patched object
        // keeps that resourceVersion and the registry's GuaranteedUpdate refuses it with 409 when the stored object has
        // another (kubernetes/kubernetes#63104; staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
        // Update). The version itself is not a field anyone manages.
        if (intent["metadata"] is JsonObject intentMetadata && intentMetadata["resourceVersion"]?.GetValue<string>() is { Length: > 0 } rv)
        {
            if (rv != old.ResourceVersion)
            {
                throw FakeApiException.Conflict(old.Type, old.Name, "the object has been modified; please apply your changes to the latest version and try again");
            }

            intentMetadata.Remove("resourceVersion");
        }

        var (merged, entries) = ApplyFieldsLocked(old, intent, manager, subresource, force);
        return Commit(old.Type, old.Namespace, old.Name, old, merged, entries);
    }

    /// <remarks>
    /// Preconditions as the real registry checks them: a uid or resourceVersion that differs fails the delete with 409
    /// Conflict, "Precondition failed: UID in precondition: ..., UID in object meta: ..." (kubernetes/kubernetes
    /// staging/src/k8s.io/apiserver/pkg/storage/interfaces.go Preconditions.Check returns storage.NewInvalidObjError,
    /// which staging/src/k8s.io/apiserver/pkg/storage/errors/storage.go InterpretDeleteError turns into
    /// errors.NewConflict). The operator's pruning of old NodeClasses relies on both.
    /// </remarks>
    private StoredObject DeleteLocked(StoredObject old, JsonObject? preconditions, string? propagationPolicy = null)
    {
        if (preconditions?["uid"]?.GetValue<string>() is { Length: > 0 } uid && uid != old.Uid)
        {
            throw FakeApiException.Conflict(old.Type, old.Name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {old.Uid}");
        }

        if (preconditions?["resourceVersion"]?.GetValue<string>() is { Length: > 0 } rv && rv != old.ResourceVersion)
        {
            throw FakeApiException.Conflict(old.Type, old.Name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {old.ResourceVersion}");
        }

        var finalizers = DeletionFinalizers(old.Body, propagationPolicy);
        if (finalizers.Count == 0)
        {
            return RemoveLocked(old);
        }

        if (old.Body["metadata"]?["deletionTimestamp"] is not null && finalizers.SequenceEqual(Finalizers(old.Body)))
        {
            return old;
        }

        var proposed = (JsonObject)old.Body.DeepClone();
        var metadata = (JsonObject)proposed["metadata"]!;
        metadata["deletionTimestamp"] ??= Now();
        metadata["deletionGracePeriodSeconds"] = 0;
        metadata["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)JsonValue.Create(f))]);
        var stored = Commit(old.Type, old.Namespace, old.Name, old, proposed, old.Managed.Select(e => e.Clone()).ToList(), bumpGeneration: true);
        return ProcessDeletionFinalizersLocked(stored);
    }

    private StoredObject RemoveLocked(StoredObject old)
    {
        Bucket(old.Type).Remove((old.Namespace, old.Name));
        var body = (JsonObject)old.Body.DeepClone();
        body["metadata"]!["resourceVersion"] = Rv(++_resourceVersion);
        var removed = StoredObject.Create(old.Type, old.Namespace, old.Name, body, old.Managed);
        Emit("DELETED", removed, old);
        CollectDependentsLocked(old.Uid);
        return removed;
    }
}
