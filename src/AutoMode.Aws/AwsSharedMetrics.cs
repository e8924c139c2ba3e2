namespace AutoMode.Aws;

/// <summary>The process-wide metrics instance used when a client is built without one.</summary>
internal static class AwsSharedMetrics
{
    public static AwsApiMetrics Instance { get; } = new();
}
