using k8s.Models;

namespace AutoMode.Kubernetes.Events;

/// <summary>Kubernetes Events about an object, de-duplicated: the same (object, type, reason, message) is sent once, then counted.</summary>
public interface IEventRecorder
{
    void Record(V1ObjectReference involvedObject, EventKind kind, string reason, string message);
}
