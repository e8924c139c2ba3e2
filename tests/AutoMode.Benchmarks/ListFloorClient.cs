using System.Diagnostics;
using System.Text.Json;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.ThirdParty;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Operator.Controllers;
using k8s;

namespace AutoMode.Benchmarks;

/// <summary>
/// The floor of start-up listing: a plain client fetches what the operator's caches list at start (same kinds, label
/// selectors and page size, the four lists in parallel as the informers run) and decodes nothing. The operator's time
/// to ready is this plus its process start plus decoding.
/// </summary>
internal static class ListFloorClient
{
    private const int PageSize = 500;

    public static async Task<TimeSpan> ListAllAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var ours = $"{WorkloadClassApi.ManagedByLabel}={WorkloadClassApi.ManagedByValue}";
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(
            ListAsync(client, Kinds.WorkloadClass, null, cancellationToken),
            ListAsync(client, Kinds.NodeClass, ours, cancellationToken),
            ListAsync(client, Kinds.NodePool, ours, cancellationToken),
            ListAsync(client, Kinds.NodeClaim, V1NodeClaim.NodePoolLabel, cancellationToken));
        return clock.Elapsed;
    }

    private static async Task ListAsync(IKubernetes client, ResourceDescriptor kind, string? selector, CancellationToken cancellationToken)
    {
        string? next = null;
        do
        {
            using var response = await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<JsonElement>(
                kind.Group, kind.Version, kind.Plural, continueParameter: next, labelSelector: selector, limit: PageSize, cancellationToken: cancellationToken);
            next = response.Body.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("continue", out var token) ? token.GetString() : null;
        }
        while (!string.IsNullOrEmpty(next));
    }
}
