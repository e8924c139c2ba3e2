using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace AutoMode.Operator.Controllers.WorkloadClasses;

/// <summary>
/// The objects as our last apply returned them, used until the watch delivers them to the cache. Without it, a
/// reconcile that runs between our write and its watch event would see "missing" and write again. Also the spec
/// each last apply sent (for as long as the process runs), which tells fields we stopped applying from fields
/// another field manager added (<see cref="ChildDiff"/>).
/// </summary>
internal sealed class AppliedObjectsMemo
{
    private readonly ConcurrentDictionary<(string Kind, string Name), IKubernetesObject<V1ObjectMeta>> _applied = new();
    private readonly ConcurrentDictionary<(string Kind, string Name), JsonNode?> _intents = new();

    public void Remember(string kind, IKubernetesObject<V1ObjectMeta> stored, JsonNode? appliedSpec)
    {
        _applied[(kind, stored.Metadata.Name)] = stored;
        _intents[(kind, stored.Metadata.Name)] = appliedSpec;
    }

    public void Forget(string kind, string name)
    {
        _applied.TryRemove((kind, name), out _);
        _intents.TryRemove((kind, name), out _);
    }

    /// <summary>The spec our last apply of this object sent; null when this process has not applied it.</summary>
    public JsonNode? LastAppliedSpec(string kind, string name) => _intents.GetValueOrDefault((kind, name));

    /// <summary>The cached object when the cache has caught up (or moved on); the memo only while the cache lacks it.</summary>
    public T? Freshest<T>(string kind, string name, T? cached)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (cached is not null)
        {
            _applied.TryRemove((kind, name), out _);
            return cached;
        }

        return _applied.TryGetValue((kind, name), out var stored) ? stored as T : null;
    }
}
