using AutoMode.Kubernetes.Queue;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.Controllers;

/// <summary>
/// A controller with one queue key and one worker, for a <see cref="SingleKeyReconciler{TObject, TFailure}"/>: every
/// event it cares about asks for the same key, so passes never overlap and requests made while one runs fold into
/// one more pass. Named where it is registered, as controller-runtime's builder names its controllers.
/// </summary>
public sealed class SingleKeyController : IDisposable
{
    private readonly WorkQueue _queue;

    /// <param name="name">The controller's name (span, metric tag, log scope) and its only queue key.</param>
    /// <param name="reconciler">The pass.</param>
    /// <param name="logger">The controller's logger.</param>
    /// <param name="time">Requeue delays and backoff.</param>
    public SingleKeyController(string name, IReconciler reconciler, ILogger logger, TimeProvider time)
    {
        _queue = new WorkQueue(time);
        Controller = new Controller(name, reconciler, _queue, logger, new ControllerOptions { MaxConcurrentReconciles = 1 }, time);
    }

    /// <summary>The runnable controller, for the controller manager.</summary>
    public Controller Controller { get; }

    /// <summary>Asks for a pass.</summary>
    public void Enqueue() => _queue.Add(Controller.Name);

    public void Dispose() => _queue.Dispose();
}
