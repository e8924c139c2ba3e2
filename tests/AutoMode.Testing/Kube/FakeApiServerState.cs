using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AutoMode.Testing.Cel;

namespace AutoMode.Testing.Kube;

/// <summary>
/// The in-memory store behind <see cref="FakeApiServer"/>: objects, one global resourceVersion counter (like etcd),
/// managed fields, the bounded watch history, open watches and the request log. Every public member is thread-safe;
/// objects handed out are deep copies. Direct writes (<see cref="Put"/>, <see cref="Delete"/>, <see cref="SetStatus"/>)
/// go through the same code as HTTP writes, so they produce the same watch events.
/// </summary>
public sealed partial class FakeApiServerState
{
    /// <summary>Field manager recorded for writes made through the direct state API.</summary>
    public const string DirectManager = "fake-api-test";

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<FakeResourceType> _types = [];
    private readonly Dictionary<string, Dictionary<(string Namespace, string Name), StoredObject>> _objects = [];
    private readonly LinkedList<WatchEvent> _history = new();
    private readonly List<WatchSubscription> _watches = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<InjectedFault> _faults = [];
    private readonly List<Exception> _serverErrors = [];
    private readonly Dictionary<string, List<Func<JsonObject, JsonObject?>>> _onCreated = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _resourceVersion;
    private long _historyStart;
    private long _sequence;
    private long _generatedNames;

    internal FakeApiServerState(TimeProvider time)
    {
        _time = time;
        AddResource(string.Empty, "v1", "events", "Event", namespaced: true, hasStatusSubresource: false);
        AddResource("events.k8s.io", "v1", "events", "Event", namespaced: true, hasStatusSubresource: false);
        AddResource("coordination.k8s.io", "v1", "leases", "Lease", namespaced: true, hasStatusSubresource: false);
    }

    /// <summary>Events retained for watch replay; a watch from an older resourceVersion gets 410 Expired.</summary>
    public int HistoryLimit { get; set; } = 100_000;

    /// <summary>
    /// Garbage collection as kube-controller-manager's collector does it (FakeApiServerState.GarbageCollection.cs):
    /// dependents whose owners are all gone are deleted, propagationPolicy Orphan/Foreground honoured.
    /// </summary>
    public bool GarbageCollection { get; set; } = true;

    /// <summary>CRD CEL rules (x-kubernetes-validations) enforced on writes, per resource; none until a test adds a CRD.</summary>
    public CelAdmission Cel { get; } = new();

    /// <summary>Send a BOOKMARK at the start of every watch that allows bookmarks.</summary>
    public bool BookmarkOnWatchStart { get; set; }

    /// <summary>The current global resourceVersion.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    public int OpenWatchCount
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>Open watch streams on one resource plural.</summary>
    public int OpenWatchesFor(string plural)
    {
        lock (_gate)
        {
            var type = ResolveTypeLocked(plural);
            return _watches.Count(w => w.Type == type);
        }
    }

    /// <summary>Snapshot of the request log since the last <see cref="ResetCounters"/>.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Snapshot of the faults injected since the last <see cref="ResetCounters"/>.</summary>
    public IReadOnlyList<InjectedFault> InjectedFaults
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults];
            }
        }
    }

    /// <summary>Unexpected exceptions the server turned into 500 responses (bugs in the fake); tests can assert it stays empty.</summary>
    public IReadOnlyList<Exception> ServerErrors
    {
        get
        {
            lock (_gate)
            {
                return [.. _serverErrors];
            }
        }
    }

    /// <summary>Write requests (create, update, patch, delete; any outcome, faulted or not) received for a plural.</summary>
    public int WritesFor(string plural)
    {
        lock (_gate)
        {
            return _requests.Count(r => r.IsWrite && r.Plural == plural);
        }
    }

    /// <summary>Clears the request log and fault log (sequence numbers keep growing).</summary>
    public void ResetCounters()
    {
        lock (_gate)
        {
            _requests.Clear();
            _faults.Clear();
            NotifyLocked();
        }
    }

    public FakeResourceType AddResource(string group, string version, string plural, string kind, bool namespaced = false, bool hasStatusSubresource = true)
    {
        var type = new FakeResourceType(group, version, plural, kind, namespaced, hasStatusSubresource);
        lock (_gate)
        {
            _types.RemoveAll(t => t.Key == type.Key);
            _types.Add(type);
        }

        return type;
    }

    public IReadOnlyList<FakeResourceType> ResourceTypes
    {
        get
        {
            lock (_gate)
            {
                return [.. _types];
            }
        }
    }

    /// <summary>Finds a type by <c>plural.group</c>, or by plural alone (first registered wins: "events" is core v1).</summary>
    public FakeResourceType ResolveType(string plural)
    {
        lock (_gate)
        {
            return ResolveTypeLocked(plural);
        }
    }

    private FakeResourceType ResolveTypeLocked(string plural) =>
        _types.Find(t => t.Key == plural)
        ?? _types.Find(t => t.Plural == plural)
        ?? throw new ArgumentException($"resource {plural} is not registered with the fake API server", nameof(plural));

    internal FakeResourceType? FindType(string group, string version, string plural)
    {
        lock (_gate)
        {
            return _types.Find(t => t.Group == group && t.Version == version && t.Plural == plural);
        }
    }

    /// <summary>Runs <paramref name="hook"/> on every object of <paramref name="plural"/> right after it is created; a non-null result is stored as a follow-up write (status included), producing a MODIFIED event.</summary>
    public void OnCreated(string plural, Func<JsonObject, JsonObject?> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        lock (_gate)
        {
            var key = ResolveTypeLocked(plural).Key;
            if (!_onCreated.TryGetValue(key, out var hooks))
            {
                _onCreated[key] = hooks = [];
            }

            hooks.Add(hook);
        }
    }

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

    /// <summary>Waits until <paramref name="predicate"/> holds, re-checking on every state change or request (no polling).</summary>
    public async Task WaitForAsync(Func<FakeApiServerState, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (predicate(this))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"fake API server state did not reach the expected condition within {timeout}; last requests:\n{Tail()}");
            }
        }
    }

    /// <summary>
    /// Wakes every <see cref="WaitForAsync"/> to evaluate its predicate again. For predicates that also read state the
    /// server cannot see (the operator's memory, a fake AWS account): a change there that is followed by no request
    /// would otherwise leave the waiter asleep until its timeout.
    /// </summary>
    public void Wake()
    {
        lock (_gate)
        {
            NotifyLocked();
        }
    }

    /// <summary>Sends a BOOKMARK with the current resourceVersion to every watch that allowed bookmarks.</summary>
    public void SendBookmarks()
    {
        lock (_gate)
        {
            foreach (var watch in _watches.Where(w => w.Bookmarks))
            {
                watch.SendBookmark(_resourceVersion);
            }
        }
    }

    /// <summary>Closes every open watch stream (the server ends each response cleanly).</summary>
    public void DropWatches()
    {
        lock (_gate)
        {
            foreach (var watch in _watches)
            {
                watch.Close();
            }

            _watches.Clear();
            NotifyLocked();
        }
    }

    /// <summary>Compacts history: a watch from any resourceVersion older than the current one gets 410 Expired.</summary>
    public void ExpireHistory()
    {
        lock (_gate)
        {
            _history.Clear();
            _historyStart = _resourceVersion;
        }
    }

    // ---- HTTP-facing operations (throw FakeApiException) ----

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

    /// <summary>Opens a watch; throws a 410 FakeApiException when <paramref name="resourceVersion"/> is older than the retained history.</summary>
    internal WatchSubscription OpenWatch(FakeResourceType type, string? ns, LabelSelector? labels, FieldSelector? fields, string? resourceVersion, bool bookmarks)
    {
        var watch = new WatchSubscription(type, ns, labels, fields, bookmarks);
        lock (_gate)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var stored in Select(type, ns).Where(o => fields is null || fields.Matches(o.Namespace, o.Name)))
                {
                    watch.SendAdded(stored);
                }
            }
            else
            {
                if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                {
                    throw FakeApiException.BadRequest($"invalid resourceVersion {resourceVersion}");
                }

                if (from < _historyStart)
                {
                    throw new FakeApiException(410, "Expired", $"too old resource version: {from} ({_historyStart + 1})");
                }

                foreach (var e in _history.Where(e => e.ResourceVersion > from))
                {
                    watch.Offer(e);
                }
            }

            if (bookmarks && BookmarkOnWatchStart)
            {
                watch.SendBookmark(_resourceVersion);
            }

            _watches.Add(watch);
            NotifyLocked();
        }

        return watch;
    }

    internal void CloseWatch(WatchSubscription watch)
    {
        lock (_gate)
        {
            watch.Close();
            if (_watches.Remove(watch))
            {
                NotifyLocked();
            }
        }
    }

    internal long NextSequence()
    {
        lock (_gate)
        {
            return ++_sequence;
        }
    }

    internal void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
            NotifyLocked();
        }
    }

    internal void RecordServerError(Exception error)
    {
        lock (_gate)
        {
            _serverErrors.Add(error);
            NotifyLocked();
        }
    }

    internal void RecordFault(InjectedFault fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
            NotifyLocked();
        }
    }

    internal void CloseAllWatches() => DropWatches();

    // ---- Core write pipeline (call with _gate held) ----

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
        var (merged, entries) = ApplyFieldsLocked(old, intent, manager, subresource, force);
        return Commit(old.Type, old.Namespace, old.Name, old, merged, entries);
    }

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

    /// <summary>Stores <paramref name="proposed"/> unless it equals the stored object (then nothing changes, like a real no-op write).</summary>
    private StoredObject Commit(FakeResourceType type, string ns, string name, StoredObject? old, JsonObject proposed, List<ManagedEntry> entries, bool bumpGeneration = false)
    {
        // A real API server refuses a CRD its apiextensions validation rejects, and an object its CRD's CEL rules
        // reject, before storing anything (a delete that only sets deletionTimestamp is not validated).
        Crds.CrdAdmission.Check(type, proposed);
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

    private void Emit(string eventType, StoredObject stored, StoredObject? previous)
    {
        // History keeps JSON text and labels only, so superseded object trees can be collected.
        var e = new WatchEvent(_resourceVersion, eventType, stored.Type, stored.Namespace, stored.Name, stored.Labels, previous is not null, previous?.Labels, stored.Json);
        _history.AddLast(e);
        while (_history.Count > Math.Max(0, HistoryLimit))
        {
            _historyStart = _history.First!.Value.ResourceVersion;
            _history.RemoveFirst();
        }

        if (HistoryLimit <= 0)
        {
            _historyStart = _resourceVersion;
        }

        foreach (var watch in _watches)
        {
            watch.Offer(e);
        }

        NotifyLocked();
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

    // ---- helpers ----

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

    private string Now() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void NotifyLocked()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private string Tail()
    {
        lock (_gate)
        {
            var tail = string.Join('\n', _requests.TakeLast(10).Select(r => $"  {r.Method} {r.Path}{r.Query} -> {r.StatusCode} {r.Fault}"));
            return _serverErrors.Count == 0 ? tail : tail + $"\nfake server errors:\n  {string.Join("\n  ", _serverErrors.Select(e => e.ToString()))}";
        }
    }

    /// <summary>Normalises input through JSON text so stored values read back as any numeric CLR type.</summary>
    internal static JsonObject ToJsonObject(object json) => json switch
    {
        JsonObject obj => JsonNode.Parse(obj.ToJsonString()) as JsonObject ?? new JsonObject(),
        string text => RequestBody.Parse(text) as JsonObject ?? throw new ArgumentException("text is not an object", nameof(json)),
        _ => JsonNode.Parse(k8s.KubernetesJson.Serialize(json)) as JsonObject ?? throw new ArgumentException("not an object", nameof(json)),
    };
}
