namespace AutoMode.Operator.Controllers.WorkloadClasses;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Verb} {Kind} {Name}")]
    public static partial void Applied(ILogger logger, string kind, string name, string verb);


    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted NodeClaim {Name} of pool {Pool} for off-hours")]
    public static partial void NodeClaimDeleted(ILogger logger, string name, string pool);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Off-hours drain of {Pool} paused: pods of its protected namespaces could not be listed ({Reason})")]
    public static partial void ProtectedPodsUnreadable(ILogger logger, string pool, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Kind} cache is behind the API server for {Name} (cached resourceVersion {Cached}, live {Live}): relisting")]
    public static partial void CacheBehind(ILogger logger, string kind, string name, string? cached, string? live);
}
