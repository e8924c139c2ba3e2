using AutoMode.Kubernetes.Informers;
using k8s;
using k8s.Models;

namespace AutoMode.Kubernetes.Controllers;

/// <summary>
/// The skeleton of a controller with one queue key that keeps one outside resource in step with a whole cache (every
/// event of the cached kind maps to the key, so passes never overlap): answer at once when switched off, select the
/// objects that take part, run one pass over them, and turn a <typeparamref name="TFailure"/> into a result (a
/// status published, a later visit) or hand it back to the queue's per-key backoff.
/// </summary>
/// <typeparam name="TObject">The cached kind every pass reads.</typeparam>
/// <typeparam name="TFailure">The failures the subclass can describe; any other exception goes to the queue.</typeparam>
/// <param name="store">The cache the pass reads; never the API server.</param>
public abstract class SingleKeyReconciler<TObject, TFailure>(IObjectStore<TObject> store) : IReconciler
    where TObject : class, IKubernetesObject<V1ObjectMeta>
    where TFailure : Exception
{
    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (WhenDisabled() is { } disabled)
        {
            return disabled;
        }

        var selected = Select();
        try
        {
            return await PassAsync(selected, cancellationToken);
        }
        catch (TFailure failure)
        {
            if (Failed(selected, failure) is { } result)
            {
                return result;
            }

            throw;
        }
    }

    /// <summary>The cached objects that take part, in name order; read again when a pass must re-check the cache.</summary>
    protected IReadOnlyList<TObject> Select() =>
        [.. store.List().Where(Selects).OrderBy(o => o.Metadata.Name, StringComparer.Ordinal)];

    /// <summary>Whether a cached object takes part in the pass.</summary>
    protected abstract bool Selects(TObject candidate);

    /// <summary>The answer while the controller is switched off (it then reads nothing); null while it is on.</summary>
    protected virtual ReconcileResult? WhenDisabled() => null;

    /// <summary>One pass over the selected objects; the result says when to look again.</summary>
    protected abstract Task<ReconcileResult> PassAsync(IReadOnlyList<TObject> selected, CancellationToken cancellationToken);

    /// <summary>
    /// A failure of the pass, after whatever it reports was published: a result ends the pass (a problem someone must
    /// fix is looked at again later, not in a hot loop); null rethrows it to the queue's backoff (a transient one).
    /// </summary>
    protected abstract ReconcileResult? Failed(IReadOnlyList<TObject> selected, TFailure failure);
}
