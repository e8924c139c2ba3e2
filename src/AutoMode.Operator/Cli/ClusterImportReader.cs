using System.Text.Json.Nodes;
using AutoMode.Core.Import;
using AutoMode.Core.ThirdParty;
using k8s;

namespace AutoMode.Operator.Cli;

/// <summary>
/// `import --from-cluster`: every NodeClass and NodePool of the cluster, read with plain list calls (page by page),
/// as import input. The importer skips AWS's built-ins, as it does for files.
/// </summary>
public static class ClusterImportReader
{
    private const int PageSize = 500;

    public const string Source = "<cluster>";

    public static async Task<IReadOnlyList<ImportInput>> ReadAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var inputs = new List<ImportInput>();
        foreach (var resource in new[] { ResourceKinds.NodeClass, ResourceKinds.NodePool })
        {
            string? continueToken = null;
            do
            {
                using var response = await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<JsonObject>(
                    resource.Group, resource.Version, resource.Plural, continueParameter: continueToken, limit: PageSize,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var item in response.Body?["items"] as JsonArray ?? [])
                {
                    if (item is JsonObject obj)
                    {
                        // List items may leave out apiVersion/kind (the list names them once); the importer sorts documents by them.
                        obj["apiVersion"] = resource.ApiVersion;
                        obj["kind"] = resource.Kind;
                        inputs.Add(new ImportInput(Source, obj.DeepClone()));
                    }
                }

                continueToken = response.Body?["metadata"]?["continue"]?.ToString();
            }
            while (!string.IsNullOrEmpty(continueToken));
        }

        return inputs;
    }
}
