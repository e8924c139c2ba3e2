using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.Informers;

/// <summary>One full list of a cluster-scoped kind, page by page (continue tokens), as an informer's relist needs it.</summary>
internal sealed class PagedList<T>(IKubernetes client, ResourceDescriptor resource, InformerOptions options, ListItemReader<T>? listItemReader, string name, ILogger logger)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>
    /// The decoded items, the names listed but not decodable (they still exist, so callers keep their cached version)
    /// and the list's resourceVersion.
    /// </summary>
    public async Task<(List<T> Items, HashSet<string> Unreadable, string? ResourceVersion)> ReadAsync(CancellationToken cancellationToken)
    {
        // Scoped to this method's async flow: restored for the caller when it returns.
        ListItemReaderScope<T>.Use(listItemReader);
        var items = new List<T>();
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        string? continueToken = null;
        string? resourceVersion;
        do
        {
            using var response = await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<ObjectList<ListItem<T>>>(
                resource.Group,
                resource.Version,
                resource.Plural,
                continueParameter: continueToken,
                labelSelector: options.LabelSelector,
                limit: options.PageSize,
                cancellationToken: cancellationToken);
            var page = response.Body ?? throw new InvalidOperationException($"Empty list response for {name}");
            foreach (var item in page.Items ?? [])
            {
                if (item.Value?.Metadata?.Name is { Length: > 0 })
                {
                    items.Add(item.Value);
                }
                else if (item.ErrorPath is not null)
                {
                    logger.LogWarning("Skipping {Resource} {Name} from the list: it cannot be decoded at {Path}", name, item.Name, item.ErrorPath);
                    if (item.Name is not null)
                    {
                        unreadable.Add(item.Name);
                    }
                }
            }

            resourceVersion = page.Metadata?.ResourceVersion;
            continueToken = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));

        return (items, unreadable, resourceVersion);
    }
}
