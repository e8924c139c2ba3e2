namespace AutoMode.Kubernetes.Events;

public enum EventKind
{
    Normal,
    Warning,
}
