namespace AutoMode.Operator.Controllers.AccessEntries;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created EKS access entry (type EC2) for node role {PrincipalArn} on cluster {Cluster}")]
    public static partial void EntryCreated(ILogger logger, string principalArn, string cluster);

    [LoggerMessage(Level = LogLevel.Information, Message = "Associated {PolicyArn} with the access entry of {PrincipalArn} on cluster {Cluster}")]
    public static partial void PolicyAssociated(ILogger logger, string policyArn, string principalArn, string cluster);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access entry check: AWS call {Action} on {Resource} failed: {ErrorCode}")]
    public static partial void AwsFailure(ILogger logger, string action, string resource, string errorCode);
}
