using AutoMode.Kubernetes.Events;

namespace AutoMode.Testing.Fakes;

public sealed record RecordedEvent(string Object, EventKind Kind, string Reason, string Message);
