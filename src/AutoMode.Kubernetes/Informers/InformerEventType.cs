namespace AutoMode.Kubernetes.Informers;

public enum InformerEventType
{
    Added,
    Updated,
    Deleted,

    /// <summary>Periodic re-delivery of a cached object, from memory (no API call), so level-triggered reconciles re-run.</summary>
    Resync,
}
