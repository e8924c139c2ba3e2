using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>The store half: direct reads and writes for tests, HTTP get and list, and where objects live.</summary>
public sealed partial class FakeApiServerState
{
    public JsonObject? Get(string plural, string name, string? ns = null)
    {
        lock (_gate)
        {
            var type = ResolveTypeLocked(plural);
            return Find(type, DefaultNamespace(type, ns), name) is { } stored
                ? (JsonObject)stored.Body.DeepClone()
                : null;
        }
    }

    /// <summary>All objects of a plural (in every namespace when <paramref name="ns"/> is null), ordered by namespace and name.</summary>
    public IReadOnlyList<JsonObject> List(string plural, string? ns = null)
    {
        lock (_gate)
        {
            var type = ResolveTypeLocked(plural);
            return Select(type, ns).Select(o => (JsonObject)o.Body.DeepClone()).ToList();
        }
    }

    /// <summary>Creates or replaces an object (no resourceVersion check, status kept as given). Accepts a JsonNode, JSON text or a KubernetesClient model.</summary>
    public JsonObject Put(object json)
    {
        var body = ToJsonObject(json);
        lock (_gate)
        {
            var type = TypeOf(body);
            var ns = DefaultNamespace(type, body["metadata"]?["namespace"]?.GetValue<string>());
            var name = body["metadata"]?["name"]?.GetValue<string>()
                ?? throw new ArgumentException("Put needs metadata.name", nameof(json));
            var old = Find(type, ns, name);
            if (old is null)
            {
                return CreateLocked(type, ns, body, DirectManager, keepStatus: true).CloneBody();
            }

            var proposed = (JsonObject)body.DeepClone();
            CopySystemMetadata(old.Body, proposed);
            return UpdateLocked(old, proposed, DirectManager, subresource: null).CloneBody();
        }
    }

    /// <summary>Writes status as the /status subresource would; returns the stored object.</summary>
    public JsonObject SetStatus(string plural, string name, JsonNode status, string? ns = null)
    {
        lock (_gate)
        {
            var type = ResolveTypeLocked(plural);
            var old = Find(type, DefaultNamespace(type, ns), name) ?? throw new KeyNotFoundException($"{plural} {name} not found");
            var proposed = (JsonObject)old.Body.DeepClone();
            proposed["status"] = status.DeepClone();
            return UpdateLocked(old, proposed, DirectManager, "status").CloneBody();
        }
    }

    /// <summary>Deletes like the API would (finalizers honoured, dependents collected); false when absent.</summary>
    public bool Delete(string plural, string name, string? ns = null) => DeleteWithPropagation(plural, name, propagationPolicy: null, ns);

    /// <summary>Deletes with a DeleteOptions.propagationPolicy (Orphan, Background, Foreground; null for the default).</summary>
    public bool DeleteWithPropagation(string plural, string name, string? propagationPolicy, string? ns = null)
    {
        lock (_gate)
        {
            var type = ResolveTypeLocked(plural);
            var old = Find(type, DefaultNamespace(type, ns), name);
            if (old is null)
            {
                return false;
            }

            DeleteLocked(old, preconditions: null, propagationPolicy);
            return true;
        }
    }

    internal string ListResponse(FakeResourceType type, string? ns, LabelSelector? labels, FieldSelector? fields, int? limit, string? continueToken)
    {
        lock (_gate)
        {
            var items = Select(type, ns).Where(o => (labels is null || labels.Matches(o.Labels)) && (fields is null || fields.Matches(o.Namespace, o.Name)));
            if (!string.IsNullOrEmpty(continueToken))
            {
                string after;
                try
                {
                    after = Encoding.UTF8.GetString(Convert.FromBase64String(continueToken));
                }
                catch (FormatException)
                {
                    throw FakeApiException.BadRequest("invalid continue token");
                }

                items = items.Where(o => string.CompareOrdinal(SortKey(o), after) > 0);
            }

            var all = items.ToList();
            var page = limit is > 0 ? all.Take(limit.Value).ToList() : all;
            var metadata = new JsonObject { ["resourceVersion"] = Rv(_resourceVersion) };
            if (page.Count < all.Count)
            {
                metadata["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(SortKey(page[^1])));
                metadata["remainingItemCount"] = all.Count - page.Count;
            }

            // Items are spliced in from each object's cached JSON: cloning thousands of nodes per list is what made lists slow.
            var head = new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind + "List", ["metadata"] = metadata }.ToJsonString();
            var text = new StringBuilder(head, 0, head.Length - 1, head.Length + 16 + page.Sum(o => o.Json.Length + 1));
            text.Append(",\"items\":[");
            text.AppendJoin(',', page.Select(o => o.Json));
            text.Append("]}");
            return text.ToString();
        }
    }

    internal string GetObject(FakeResourceType type, string ns, string name)
    {
        lock (_gate)
        {
            return (Find(type, ns, name) ?? throw FakeApiException.NotFound(type, name)).Json;
        }
    }

    private static List<string> Finalizers(JsonObject body) =>
        body["metadata"]?["finalizers"] is JsonArray finalizers
            ? finalizers.Select(f => f?.GetValue<string>() ?? string.Empty).ToList()
            : [];

    private static long? AsLong(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static string SortKey(StoredObject o) => o.Namespace + JsonTree.Separator + o.Name;

    private static string Rv(long rv) => rv.ToString(CultureInfo.InvariantCulture);

    private static string DefaultNamespace(FakeResourceType type, string? ns) =>
        type.Namespaced ? (string.IsNullOrEmpty(ns) ? "default" : ns) : string.Empty;

    private IEnumerable<StoredObject> Select(FakeResourceType type, string? ns) =>
        Bucket(type).Values
            .Where(o => ns is null || o.Namespace == ns)
            .OrderBy(SortKey, StringComparer.Ordinal);

    private StoredObject? Find(FakeResourceType type, string ns, string name) =>
        Bucket(type).GetValueOrDefault((ns, name));

    private Dictionary<(string Namespace, string Name), StoredObject> Bucket(FakeResourceType type)
    {
        if (!_objects.TryGetValue(type.Key, out var bucket))
        {
            _objects[type.Key] = bucket = [];
        }

        return bucket;
    }

    private FakeResourceType TypeOf(JsonObject body)
    {
        var apiVersion = body["apiVersion"]?.GetValue<string>() ?? throw new ArgumentException("object needs apiVersion");
        var kind = body["kind"]?.GetValue<string>() ?? throw new ArgumentException("object needs kind");
        return _types.Find(t => t.ApiVersion == apiVersion && t.Kind == kind)
            ?? throw new ArgumentException($"{apiVersion} {kind} is not registered with the fake API server");
    }

    /// <summary>Normalises input through JSON text so stored values read back as any numeric CLR type.</summary>
    internal static JsonObject ToJsonObject(object json) => json switch
    {
        JsonObject obj => JsonNode.Parse(obj.ToJsonString()) as JsonObject ?? new JsonObject(),
        string text => RequestBody.Parse(text) as JsonObject ?? throw new ArgumentException("text is not an object", nameof(json)),
        _ => JsonNode.Parse(k8s.KubernetesJson.Serialize(json)) as JsonObject ?? throw new ArgumentException("not an object", nameof(json)),
    };
}
