using k8s;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// Which nodes run pods of <c>drain.protectedNamespaces</c>: read live, page by page, when a drain is about to delete,
/// not cached, because only a class with protected namespaces in an open window needs it (so the operator holds no
/// pod cache the rest of the time). Finished pods (Succeeded, Failed) do not protect their node.
/// </summary>
internal sealed class ProtectedPodNodes(IKubernetes client)
{
    private const int PageSize = 500;

    public async Task<IReadOnlySet<string>> ReadAsync(IEnumerable<string> namespaces, CancellationToken cancellationToken)
    {
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ns in namespaces.Distinct(StringComparer.Ordinal))
        {
            string? next = null;
            do
            {
                var page = await client.CoreV1.ListNamespacedPodAsync(ns, continueParameter: next, limit: PageSize, cancellationToken: cancellationToken);
                foreach (var pod in page.Items)
                {
                    if (pod.Spec?.NodeName is { Length: > 0 } node && pod.Status?.Phase is not ("Succeeded" or "Failed"))
                    {
                        nodes.Add(node);
                    }
                }

                next = page.Metadata?.ContinueProperty;
            }
            while (!string.IsNullOrEmpty(next));
        }

        return nodes;
    }
}
