using System.Diagnostics;
using AutoMode.Core.Desired;
using AutoMode.Core.ThirdParty;
using AutoMode.Operator.Controllers;
using k8s;
using k8s.Models;

namespace AutoMode.Benchmarks;

/// <summary>
/// The physical floor: the least a client must do to get the same objects onto the server. A plain KubernetesClient
/// server-side-applies the already rendered NodeClass and then NodePool of each class, with the operator's parallelism;
/// no caches, no reads, no status.
/// </summary>
internal static class FloorClient
{
    public const string FieldManager = "automode-bench-floor";

    public static async Task<TimeSpan> ApplyAllAsync(IKubernetes client, IReadOnlyList<DesiredState> objects, int parallelism, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await BenchTarget.ForEachAsync(objects, parallelism, async (desired, ct) =>
        {
            await ApplyAsync(client, Kinds.NodeClass, desired.NodeClass, ct);
            await ApplyAsync(client, Kinds.NodePool, desired.NodePool, ct);
        }, cancellationToken);
        return clock.Elapsed;
    }

    private static async Task ApplyAsync<T>(IKubernetes client, ResourceDescriptor kind, T obj, CancellationToken cancellationToken)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        using var response = await client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync(
            new V1Patch(KubernetesJson.Serialize(obj), V1Patch.PatchType.ApplyPatch),
            kind.Group, kind.Version, kind.Plural, obj.Metadata.Name,
            fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
    }
}
