namespace AutoMode.Operator.Controllers.ClusterRolePolicy;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Attached inline policy {Policy} to cluster role {Role}")]
    public static partial void PolicyAttached(ILogger logger, string policy, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed inline policy {Policy} from cluster role {Role}: no WorkloadClass has tags")]
    public static partial void PolicyRemoved(ILogger logger, string policy, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AWS call {Action} on {Resource} failed: {ErrorCode}")]
    public static partial void AwsFailure(ILogger logger, string action, string resource, string errorCode);
}
