using System.Net;
using AutoMode.Core.ThirdParty;
using AutoMode.Operator.Controllers;
using k8s;
using k8s.Autorest;

namespace AutoMode.Benchmarks;

/// <summary>
/// Before anything else, asks the API server whether it serves the four resource types the bench needs. Without this
/// a cluster missing a CRD made the bench's informers re-list a 404 forever (16 minutes, no message). Each type is
/// asked with a <c>list ?limit=1</c> on its group/version: a 404 there means the CRD is not installed (or not served in
/// that version), which is exactly what the bench cannot work around. Bounded by <see cref="Timeout"/> overall.
/// </summary>
public static class CrdPreflight
{
    /// <summary>Well inside the 30 s the issue allows for a failing `make bench`.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>The CRDs the bench needs, by their CRD names (plural.group), and where each comes from.</summary>
    public static IReadOnlyList<(string CrdName, ResourceDescriptor Kind, string Source)> Required { get; } =
    [
        ("workloadclasses.automode.io", Kinds.WorkloadClass, "this repository: kubectl apply --server-side -f crds/"),
        ("nodeclasses.eks.amazonaws.com", Kinds.NodeClass, "EKS Auto Mode (installed on EKS Auto Mode clusters)"),
        ("nodepools.karpenter.sh", Kinds.NodePool, "EKS Auto Mode / Karpenter v1"),
        ("nodeclaims.karpenter.sh", Kinds.NodeClaim, "EKS Auto Mode / Karpenter v1"),
    ];

    /// <summary>The CRD names of <see cref="Required"/> the server does not serve; empty when all are there.</summary>
    /// <exception cref="TimeoutException">The server did not answer within <see cref="Timeout"/>.</exception>
    public static Task<IReadOnlyList<string>> MissingAsync(IKubernetes client, CancellationToken cancellationToken) =>
        MissingAsync(client, Timeout, cancellationToken);

    /// <inheritdoc cref="MissingAsync(IKubernetes, CancellationToken)"/>
    public static async Task<IReadOnlyList<string>> MissingAsync(IKubernetes client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            var answers = await Task.WhenAll(Required.Select(async r => await ServedAsync(client, r.Kind, bounded.Token) ? null : r.CrdName));
            return answers.OfType<string>().ToList();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the API server did not answer within {timeout.TotalSeconds:F0} s");
        }
    }

    /// <summary>The message `make bench` prints before exiting non-zero.</summary>
    public static string Describe(IReadOnlyList<string> missing, string server) =>
        $"{server} does not serve {string.Join(", ", missing)}. Install them first:" + Environment.NewLine +
        string.Join(Environment.NewLine, Required.Where(r => missing.Contains(r.CrdName)).Select(r => $"  {r.CrdName}: {r.Source}")) + Environment.NewLine +
        "  (README \"Run the end-to-end tests against a real API server\" installs the Auto Mode CRDs on kind/envtest.)";

    private static async Task<bool> ServedAsync(IKubernetes client, ResourceDescriptor kind, CancellationToken cancellationToken)
    {
        try
        {
            await client.CustomObjects.ListClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, limit: 1, cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
