using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AutoMode.Core.ThirdParty;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AutoMode.E2E.Tests;

/// <summary>
/// Cluster-scoped objects of any kind as raw JSON (what the API server really stores: a limit is asserted to be a JSON
/// string, not a parsed quantity), and waits that list then watch, so nothing polls or sleeps.
/// </summary>
internal sealed class ClusterObjects(IKubernetes client)
{
    public async Task<JsonObject?> GetAsync(ResourceDescriptor kind, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetClusterCustomObjectAsync<JsonObject>(kind.Group, kind.Version, kind.Plural, name, cancellationToken);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(ResourceDescriptor kind, string? labelSelector, CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListClusterCustomObjectAsync<JsonList>(kind.Group, kind.Version, kind.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken);
        return [.. list.Items ?? []];
    }

    public Task<JsonObject> CreateAsync(ResourceDescriptor kind, JsonObject body, CancellationToken cancellationToken) =>
        client.CustomObjects.CreateClusterCustomObjectAsync<JsonObject>(body, kind.Group, kind.Version, kind.Plural, cancellationToken: cancellationToken);

    public Task<JsonObject> MergePatchAsync(ResourceDescriptor kind, string name, JsonObject patch, CancellationToken cancellationToken) =>
        client.CustomObjects.PatchClusterCustomObjectAsync<JsonObject>(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), kind.Group, kind.Version, kind.Plural, name, cancellationToken: cancellationToken);

    public Task<JsonObject> MergePatchStatusAsync(ResourceDescriptor kind, string name, JsonObject patch, CancellationToken cancellationToken) =>
        client.CustomObjects.PatchClusterCustomObjectStatusAsync<JsonObject>(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), kind.Group, kind.Version, kind.Plural, name, cancellationToken: cancellationToken);

    /// <summary>Deletes in the background (dependents are garbage-collected); false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ResourceDescriptor kind, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CustomObjects.DeleteClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, name,
                new V1DeleteOptions { PropagationPolicy = "Background" }, cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits until <paramref name="predicate"/> holds for the object (null: it does not exist): LIST by name, then WATCH
    /// from that resourceVersion; a watch that ends or expires (410) is followed by a fresh LIST.
    /// </summary>
    /// <exception cref="TimeoutException">The predicate did not hold in time; the message shows what was last seen.</exception>
    public async Task<JsonObject?> WaitForAsync(ResourceDescriptor kind, string name, Func<JsonObject?, bool> predicate, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        JsonObject? last = null;
        try
        {
            while (true)
            {
                var list = await client.CustomObjects.ListClusterCustomObjectAsync<JsonList>(kind.Group, kind.Version, kind.Plural,
                    fieldSelector: "metadata.name=" + name, cancellationToken: deadline.Token);
                last = list.Items?.FirstOrDefault();
                if (predicate(last))
                {
                    return last;
                }

                var seen = await WatchUntilAsync(kind, name, list.Metadata?.ResourceVersion, predicate, o => last = o, deadline.Token);
                if (seen.Matched)
                {
                    return seen.Object;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for {kind.Kind} {name}: {what}. Last seen: {last?.ToJsonString() ?? "(absent)"}");
        }
    }

    private async Task<(bool Matched, JsonObject? Object)> WatchUntilAsync(
        ResourceDescriptor kind, string name, string? resourceVersion, Func<JsonObject?, bool> predicate, Action<JsonObject?> seen, CancellationToken cancellationToken)
    {
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var response = client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(kind.Group, kind.Version, kind.Plural,
            fieldSelector: "metadata.name=" + name, resourceVersion: resourceVersion, timeoutSeconds: 60, watch: true, cancellationToken: watch.Token);
        Exception? streamError = null;

        void OnError(Exception error)
        {
            // 410 Gone or any ERROR event: end this watch; the caller lists again.
            streamError = error;
            watch.Cancel();
        }

        try
        {
            // The non-obsolete WatchListClusterCustomObjectAsync yields untyped objects; this overload decodes each line to JSON.
#pragma warning disable CS0618
            await foreach (var (type, obj) in response.WatchAsync<JsonObject, object>(OnError, watch.Token))
#pragma warning restore CS0618
            {
                if (type is not (WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted))
                {
                    continue;
                }

                var current = type == WatchEventType.Deleted ? null : obj;
                seen(current);
                if (predicate(current))
                {
                    return (true, current);
                }
            }
        }
        catch (OperationCanceledException) when (streamError is not null && !cancellationToken.IsCancellationRequested)
        {
            // Ended by OnError: list again.
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == HttpStatusCode.Gone)
        {
            // The listed resourceVersion is already compacted away: list again.
        }

        return (false, null);
    }

    private sealed class JsonList
    {
        [JsonPropertyName("metadata")]
        public V1ListMeta? Metadata { get; set; }

        [JsonPropertyName("items")]
        public IList<JsonObject>? Items { get; set; }
    }
}
