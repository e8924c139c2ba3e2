namespace AutoMode.Kubernetes.Tests.Support;

internal sealed class WidgetStatus
{
    public string? Phase { get; set; }

    public long? ObservedGeneration { get; set; }
}
