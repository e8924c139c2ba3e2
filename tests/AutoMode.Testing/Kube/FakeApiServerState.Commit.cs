using System.Globalization;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>Committing one write: no-op detection, system metadata, subresource scoping, resourceVersion and generation, created hooks.</summary>
public sealed partial class FakeApiServerState
{
    /// <summary>Stores <paramref name="proposed"/> unless it equals the stored object (then nothing changes, like a real no-op write).</summary>
    private StoredObject Commit(FakeResourceType type, string ns, string name, StoredObject? old, JsonObject proposed, List<ManagedEntry> entries, bool bumpGeneration = false)
    {
        // A real API server refuses a CRD its apiextensions validation rejects, and an object its CRD's CEL rules
        // reject, before storing anything (a delete that only sets deletionTimestamp is not validated).
        Crds.CrdAdmission.Check(type, proposed);
        CheckSingleController(type, proposed);
        if (!bumpGeneration)
        {
            Cel.Admit(type, proposed, old?.Body);
        }

        entries.RemoveAll(e => e.Fields.Count == 0);
        var metadata = (JsonObject)proposed["metadata"]!;
        metadata.Remove("managedFields");
        if (old is not null)
        {
            var before = (JsonObject)old.Body.DeepClone();
            before["metadata"]!.AsObject().Remove("managedFields");
            before["metadata"]!.AsObject().Remove("resourceVersion");
            metadata.Remove("resourceVersion");
            var sameFields = entries.Count == old.Managed.Count
                && entries.TrueForAll(e => old.Managed.Any(o => o.SameKey(e) && o.Fields.SetEquals(e.Fields)));
            if (sameFields && JsonNode.DeepEquals(before, proposed))
            {
                return old;
            }

            var generation = AsLong(old.Body["metadata"]?["generation"]) ?? 1;
            if (bumpGeneration || SpecChanged(type, old.Body, proposed))
            {
                generation++;
            }

            metadata["generation"] = generation;
        }

        var now = Now();
        foreach (var entry in entries)
        {
            if (old is null || !old.Managed.Any(o => o.SameKey(entry) && o.Fields.SetEquals(entry.Fields)) || entry.Time.Length == 0)
            {
                entry.Time = now;
            }
        }

        metadata["resourceVersion"] = Rv(++_resourceVersion);
        if (entries.Count > 0)
        {
            metadata["managedFields"] = new JsonArray(entries.Select(e => (JsonNode)e.ToJson()).ToArray());
        }

        var stored = StoredObject.Create(type, ns, name, proposed, entries);
        if (old is not null && metadata["deletionTimestamp"] is not null && Finalizers(proposed).Count == 0)
        {
            Bucket(type)[(ns, name)] = stored;
            return RemoveLocked(stored);
        }

        Bucket(type)[(ns, name)] = stored;
        Emit(old is null ? "ADDED" : "MODIFIED", stored, old);
        return stored;
    }

    private void RunCreatedHooks(FakeResourceType type, string ns, string name)
    {
        if (!_onCreated.TryGetValue(type.Key, out var hooks))
        {
            return;
        }

        foreach (var hook in hooks)
        {
            var current = Find(type, ns, name);
            if (current is null)
            {
                return;
            }

            if (hook((JsonObject)current.Body.DeepClone()) is { } hooked)
            {
                var result = ToJsonObject(hooked);
                CopySystemMetadata(current.Body, result);
                UpdateLocked(current, result, DirectManager, subresource: null);
            }
        }
    }

    private static JsonObject Scope(FakeResourceType type, JsonObject old, JsonObject written, string? subresource)
    {
        JsonObject proposed;
        if (subresource == "status")
        {
            proposed = (JsonObject)old.DeepClone();
            if (written["status"] is { } status)
            {
                proposed["status"] = status.DeepClone();
            }
            else
            {
                proposed.Remove("status");
            }

            return proposed;
        }

        if (subresource is not null)
        {
            throw new FakeApiException(404, "NotFound", $"subresource {subresource} is not served");
        }

        proposed = (JsonObject)written.DeepClone();
        proposed["apiVersion"] = type.ApiVersion;
        proposed["kind"] = type.Kind;
        if (type.HasStatusSubresource)
        {
            if (old["status"] is { } status)
            {
                proposed["status"] = status.DeepClone();
            }
            else
            {
                proposed.Remove("status");
            }
        }

        CopySystemMetadata(old, proposed);
        return proposed;
    }

    private static void CopySystemMetadata(JsonObject from, JsonObject to)
    {
        if (to["metadata"] is not JsonObject target)
        {
            to["metadata"] = target = new JsonObject();
        }

        var source = (JsonObject)from["metadata"]!;
        foreach (var key in new[] { "name", "namespace", "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds" })
        {
            target.Remove(key);
            if (source[key] is { } value)
            {
                target[key] = value.DeepClone();
            }
        }

        to["apiVersion"] = from["apiVersion"]?.DeepClone();
        to["kind"] = from["kind"]?.DeepClone();
    }

    private static bool SpecChanged(FakeResourceType type, JsonObject before, JsonObject after)
    {
        static JsonObject Strip(JsonObject obj, bool status)
        {
            var copy = (JsonObject)obj.DeepClone();
            copy.Remove("metadata");
            if (status)
            {
                copy.Remove("status");
            }

            return copy;
        }

        return !JsonNode.DeepEquals(Strip(before, type.HasStatusSubresource), Strip(after, type.HasStatusSubresource));
    }

    /// <summary>
    /// ObjectMeta validation on every create and update: at most one ownerReference with controller: true
    /// (kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
    /// ValidateOwnerReferences, 422 with the message below). An adopting apply that raced another controller's
    /// reference is refused this way on a real server.
    /// </summary>
    private static void CheckSingleController(FakeResourceType type, JsonObject proposed)
    {
        var controllers = (proposed["metadata"]?["ownerReferences"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(r => r["controller"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
            .Select(r => $"{r["kind"]}/{r["name"]}")
            .ToList();
        if (controllers.Count > 1)
        {
            throw FakeApiException.Invalid(type, proposed["metadata"]?["name"]?.GetValue<string>() ?? string.Empty,
                $"metadata.ownerReferences: Invalid value: \"array\": Only one reference can have Controller set to true. Found \"true\" in references for {controllers[0]} and {controllers[1]}");
        }
    }

    private static void CheckIdentity(FakeResourceType type, string ns, JsonObject body, string? name)
    {
        if (body["apiVersion"]?.GetValue<string>() is { } apiVersion && apiVersion != type.ApiVersion)
        {
            throw FakeApiException.BadRequest($"apiVersion {apiVersion} does not match {type.ApiVersion}");
        }

        if (body["kind"]?.GetValue<string>() is { } kind && kind != type.Kind)
        {
            throw FakeApiException.BadRequest($"kind {kind} does not match {type.Kind}");
        }

        if (name is not null && body["metadata"]?["name"]?.GetValue<string>() is { } bodyName && bodyName != name)
        {
            throw FakeApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        if (type.Namespaced && body["metadata"]?["namespace"]?.GetValue<string>() is { Length: > 0 } bodyNs && bodyNs != ns)
        {
            throw FakeApiException.BadRequest($"the namespace of the object ({bodyNs}) does not match the namespace on the URL ({ns})");
        }
    }

    private string Now() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
