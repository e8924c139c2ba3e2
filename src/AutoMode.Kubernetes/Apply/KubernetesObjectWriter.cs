using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.Apply;

/// <summary>
/// <see cref="IObjectWriter"/> over the client's custom-object API for cluster-scoped kinds. Every call is one request
/// (transient failures are retried once, in the HTTP pipeline's RetryHandler) and is counted in
/// <c>automode_api_writes_total{resource,verb}</c>.
/// </summary>
public sealed class KubernetesObjectWriter(IKubernetes client, ILogger<KubernetesObjectWriter> logger) : IObjectWriter
{
    /// <summary>The single server-side apply field manager of the operator.</summary>
    public const string FieldManager = "automode-operator";

    /// <summary>
    /// Server-side apply with force. The intent is serialised without nulls (an explicit null would claim the field);
    /// apiVersion and kind default from <paramref name="resource"/>; resourceVersion and managedFields are dropped,
    /// since an apply intent states what we want, not which version we read.
    /// </summary>
    public async Task<T> ApplyAsync<T>(ResourceDescriptor resource, T intent, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(intent);
        var name = intent.Metadata?.Name ?? throw new ArgumentException("An apply intent needs metadata.name.", nameof(intent));
        var body = JsonNode.Parse(KubernetesJson.Serialize(intent))!.AsObject();
        body["apiVersion"] ??= resource.ApiVersion;
        body["kind"] ??= resource.Kind;
        if (body["metadata"] is JsonObject metadata)
        {
            metadata.Remove("resourceVersion");
            metadata.Remove("managedFields");
        }

        Count(resource, "apply");
        using var response = await client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync<T>(
            new V1Patch(body.ToJsonString(), V1Patch.PatchType.ApplyPatch),
            resource.Group,
            resource.Version,
            resource.Plural,
            name,
            fieldManager: FieldManager,
            force: true,
            cancellationToken: cancellationToken);
        return response.Body;
    }

    public async Task<T?> GetAsync<T>(ResourceDescriptor resource, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(resource);
        try
        {
            using var response = await client.CustomObjects.GetClusterCustomObjectWithHttpMessagesAsync<T>(
                resource.Group,
                resource.Version,
                resource.Plural,
                name,
                cancellationToken: cancellationToken);
            return response.Body;
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task PatchStatusAsync<TStatus>(ResourceDescriptor resource, string name, TStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var body = "{\"status\":" + (status is null ? "null" : KubernetesJson.Serialize(status)) + "}";
        Count(resource, "patch-status");
        using var response = await client.CustomObjects.PatchClusterCustomObjectStatusWithHttpMessagesAsync(
            new V1Patch(body, V1Patch.PatchType.MergePatch),
            resource.Group,
            resource.Version,
            resource.Plural,
            name,
            fieldManager: FieldManager,
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Deletes only the object with this uid. Absent (404) is success. A uid mismatch (409) means the name now belongs
    /// to a different object: it is left alone, logged, and not retried. A 409 while the object still has this uid is
    /// rethrown.
    /// </summary>
    public async Task DeleteAsync(ResourceDescriptor resource, string name, string uid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(uid);
        try
        {
            await SendDeleteAsync(resource, name, new V1Preconditions { Uid = uid }, cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            logger.LogDebug("{Kind} {Name} was already gone", resource.Kind, name);
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Conflict)
        {
            // A uid precondition failure means the name now belongs to another object. A conflict for any other reason
            // (a proxy, an injected fault) must not pass for a deletion, or a drain would wait on a claim nobody deletes:
            // look once, and fail the reconcile (to be retried with backoff) when it is still the object we meant.
            if (await GetUidAsync(resource, name, cancellationToken) == uid)
            {
                throw;
            }

            logger.LogWarning("Not deleting {Kind} {Name}: it is no longer the object with uid {Uid}", resource.Kind, name, uid);
        }
    }

    /// <remarks>
    /// The API server checks both preconditions before deleting and answers 409 Conflict when either differs
    /// (kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/storage/interfaces.go Preconditions.Check returns
    /// NewInvalidObjError, which staging/src/k8s.io/apiserver/pkg/storage/errors/storage.go InterpretDeleteError maps to
    /// errors.NewConflict). Any 409 is "not deleted": the next reconcile decides again on the object as it is then.
    /// </remarks>
    public async Task<bool> DeleteUnchangedAsync(ResourceDescriptor resource, string name, string uid, string resourceVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(uid);
        ArgumentException.ThrowIfNullOrEmpty(resourceVersion);
        try
        {
            await SendDeleteAsync(resource, name, new V1Preconditions { Uid = uid, ResourceVersion = resourceVersion }, cancellationToken);
            return true;
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            logger.LogDebug("{Kind} {Name} was already gone", resource.Kind, name);
            return true;
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Conflict)
        {
            logger.LogInformation("Not deleting {Kind} {Name}: it changed since uid {Uid} at resourceVersion {ResourceVersion} was observed", resource.Kind, name, uid, resourceVersion);
            return false;
        }
    }

    /// <summary>One DELETE of a cluster-scoped object, always with preconditions: the operator never deletes by name alone.</summary>
    private async Task SendDeleteAsync(ResourceDescriptor resource, string name, V1Preconditions preconditions, CancellationToken cancellationToken)
    {
        Count(resource, "delete");
        using var response = await client.CustomObjects.DeleteClusterCustomObjectWithHttpMessagesAsync(
            resource.Group,
            resource.Version,
            resource.Plural,
            name,
            body: new V1DeleteOptions { Preconditions = preconditions },
            cancellationToken: cancellationToken);
    }

    private async Task<string?> GetUidAsync(ResourceDescriptor resource, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.CustomObjects.GetClusterCustomObjectWithHttpMessagesAsync<JsonObject>(
                resource.Group,
                resource.Version,
                resource.Plural,
                name,
                cancellationToken: cancellationToken);
            return (string?)response.Body?["metadata"]?["uid"];
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static void Count(ResourceDescriptor resource, string verb) =>
        Telemetry.ApiWrites.Add(
            1,
            new KeyValuePair<string, object?>("resource", resource.Group.Length == 0 ? resource.Plural : $"{resource.Plural}.{resource.Group}"),
            new KeyValuePair<string, object?>("verb", verb));
}
