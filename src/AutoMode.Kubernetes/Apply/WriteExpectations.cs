using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace AutoMode.Kubernetes.Apply;

/// <summary>
/// What this operator wrote (or read live) that its caches may not show yet, so a reconcile racing its own watch events neither
/// writes the same thing twice nor waits for an event that never comes. One per process, shared by the controllers.
/// <list type="bullet">
/// <item>Objects: the object as our last apply stored it, until the cache shows that resourceVersion or a newer one.</item>
/// <item>Applied specs: the spec our last apply sent, for as long as the process runs (it tells fields we stopped
/// applying from fields another field manager added).</item>
/// <item>Statuses: the status we last patched (canonical JSON), until the cache shows the same content: the status
/// patch returns no resourceVersion to wait for.</item>
/// <item>Deletions: when we asked to delete an object (by uid), until it is gone from the cache: its
/// deletionTimestamp only arrives with the next watch event.</item>
/// </list>
/// </summary>
/// <remarks>
/// An expectation older than <see cref="Timeout"/> no longer counts, as in kube-controller-manager
/// (kubernetes/kubernetes pkg/controller/controller_utils.go, ExpectationsTimeout = 5 minutes): a watch event that
/// was lost, or an object deleted before the cache ever saw it, must not keep a stale answer forever.
/// </remarks>
public sealed class WriteExpectations(TimeProvider time)
{
    /// <summary>How long a write counts as fresher than the cache.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(string Kind, string Name), (IKubernetesObject<V1ObjectMeta> Stored, DateTimeOffset At)> _objects = new();
    private readonly ConcurrentDictionary<(string Kind, string Name), JsonNode?> _specs = new();
    private readonly ConcurrentDictionary<(string Kind, string Key), (string Status, DateTimeOffset At)> _statuses = new();
    private readonly ConcurrentDictionary<(string Kind, string Uid), (string Scope, DateTimeOffset At)> _deletions = new();

    /// <summary>Records an apply: <paramref name="stored"/> as the server returned it, <paramref name="appliedSpec"/> as sent.</summary>
    public void Applied(string kind, IKubernetesObject<V1ObjectMeta> stored, JsonNode? appliedSpec)
    {
        ArgumentNullException.ThrowIfNull(stored);
        _objects[(kind, stored.Metadata.Name)] = (stored, time.GetUtcNow());
        _specs[(kind, stored.Metadata.Name)] = appliedSpec;
    }

    /// <summary>
    /// Records an object read from the API server because the cache missed its events (a watch down): until the
    /// cache shows that resourceVersion, <see cref="Latest"/> answers with it, so the next reconcile does not fall
    /// back to the older cached object and report, or write, what was already superseded. Keeps a newer entry.
    /// </summary>
    public void ReadLive(string kind, IKubernetesObject<V1ObjectMeta> live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var key = (kind, live.Metadata.Name);
        if (_objects.TryGetValue(key, out var known) && !Expired(known.At) && !IsOlder(known.Stored.Metadata.ResourceVersion, live.Metadata.ResourceVersion))
        {
            return;
        }

        _objects[key] = (live, time.GetUtcNow());
    }

    /// <summary>
    /// The freshest view of an object: <paramref name="cached"/> once it shows our write's resourceVersion or a newer
    /// one (or when resourceVersions cannot be compared), our write while the cache lags. Reads only.
    /// </summary>
    public T? Latest<T>(string kind, string name, T? cached)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (!_objects.TryGetValue((kind, name), out var written) || Expired(written.At))
        {
            return cached;
        }

        return cached is null || IsOlder(cached.Metadata.ResourceVersion, written.Stored.Metadata.ResourceVersion)
            ? written.Stored as T ?? cached
            : cached;
    }

    /// <summary>Drops the object expectation once <paramref name="cached"/> caught up with it (or it expired).</summary>
    public void Settle<T>(string kind, string name, T? cached)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (_objects.TryGetValue((kind, name), out var written) &&
            (Expired(written.At) || (cached is not null && !IsOlder(cached.Metadata.ResourceVersion, written.Stored.Metadata.ResourceVersion))))
        {
            _objects.TryRemove(new KeyValuePair<(string, string), (IKubernetesObject<V1ObjectMeta>, DateTimeOffset)>((kind, name), written));
        }
    }

    /// <summary>The spec our last apply of this object sent; null when this process has not applied it.</summary>
    public JsonNode? AppliedSpec(string kind, string name) => _specs.GetValueOrDefault((kind, name));

    /// <summary>The object is gone for good (its owner was deleted, or it belongs to an earlier owner): forget both.</summary>
    public void Forget(string kind, string name)
    {
        _objects.TryRemove((kind, name), out _);
        _specs.TryRemove((kind, name), out _);
    }

    /// <summary>Records a status patch of the object identified by <paramref name="key"/> (its uid, so a re-created object starts clean).</summary>
    public void PatchedStatus(string kind, string key, string canonicalStatus) =>
        _statuses[(kind, key)] = (canonicalStatus, time.GetUtcNow());

    /// <summary>The status we last patched that the cache did not show yet, or null.</summary>
    public string? WrittenStatus(string kind, string key) =>
        _statuses.TryGetValue((kind, key), out var written) && !Expired(written.At) ? written.Status : null;

    /// <summary>The cache shows our status (or the object is gone): nothing is pending any more.</summary>
    public void SettleStatus(string kind, string key) => _statuses.TryRemove((kind, key), out _);

    /// <summary>
    /// Records a deletion we asked for at <paramref name="at"/>. <paramref name="scope"/> groups deletions (the owner's
    /// name), so one owner's reconcile settles only its own.
    /// </summary>
    public void Deleted(string kind, string uid, string scope, DateTimeOffset at) => _deletions[(kind, uid)] = (scope, at);

    /// <summary>When we asked to delete the object, while the cache may not show it yet; null otherwise.</summary>
    public DateTimeOffset? DeletionRequestedAt(string kind, string uid) =>
        _deletions.TryGetValue((kind, uid), out var deletion) && !Expired(deletion.At) ? deletion.At : null;

    /// <summary>Drops the deletions of <paramref name="scope"/> whose object the cache no longer holds.</summary>
    public void SettleDeletions(string kind, string scope, IReadOnlySet<string> presentUids)
    {
        ArgumentNullException.ThrowIfNull(presentUids);
        foreach (var (key, deletion) in _deletions.Where(d => d.Key.Kind == kind && d.Value.Scope == scope && !presentUids.Contains(d.Key.Uid)))
        {
            _deletions.TryRemove(new KeyValuePair<(string, string), (string, DateTimeOffset)>(key, deletion));
        }
    }

    private bool Expired(DateTimeOffset at) => time.GetUtcNow() - at >= Timeout;

    // resourceVersions are opaque strings to clients; the API server's are etcd revisions, which compare as numbers.
    // When either does not parse, the cache is taken as current: never wait on something that cannot be decided.
    private static bool IsOlder(string? cached, string? written) =>
        ulong.TryParse(cached, NumberStyles.None, CultureInfo.InvariantCulture, out var c) &&
        ulong.TryParse(written, NumberStyles.None, CultureInfo.InvariantCulture, out var w) &&
        c < w;
}
