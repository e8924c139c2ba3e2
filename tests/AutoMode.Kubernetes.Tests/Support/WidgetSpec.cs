namespace AutoMode.Kubernetes.Tests.Support;

internal sealed class WidgetSpec
{
    public int Size { get; set; }

    public string? Color { get; set; }
}
