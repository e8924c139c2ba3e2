using k8s;
using k8s.Models;

namespace AutoMode.Kubernetes.Informers;

/// <summary>Read side of an informer cache of cluster-scoped objects. Reads never touch the network.</summary>
public interface IObjectStore<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>True once the initial list has been loaded.</summary>
    bool HasSynced { get; }

    T? Get(string name);

    IReadOnlyList<T> List();

    /// <summary>Objects whose label <paramref name="key"/> equals <paramref name="value"/> (indexed).</summary>
    IReadOnlyList<T> ListByLabel(string key, string value);
}
