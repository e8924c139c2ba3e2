using System.Collections.Concurrent;
using AutoMode.Kubernetes.Events;
using k8s.Models;

namespace AutoMode.Testing.Fakes;

/// <summary>Keeps every recorded event for assertions.</summary>
public sealed class RecordingEventRecorder : IEventRecorder
{
    private readonly ConcurrentQueue<RecordedEvent> _events = new();

    public IReadOnlyList<RecordedEvent> Events => [.. _events];

    public void Record(V1ObjectReference involvedObject, EventKind kind, string reason, string message) =>
        _events.Enqueue(new RecordedEvent(involvedObject.Name, kind, reason, message));

    public bool Has(string reason) => _events.Any(e => e.Reason == reason);
}
