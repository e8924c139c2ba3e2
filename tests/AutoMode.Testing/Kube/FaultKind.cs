namespace AutoMode.Testing.Kube;

/// <summary>A fault the <see cref="FaultPlan"/> can inject.</summary>
public enum FaultKind
{
    None,

    /// <summary>429 Too Many Requests with a <c>Retry-After</c> header.</summary>
    TooManyRequests,

    /// <summary>500 Internal Server Error.</summary>
    InternalServerError,

    /// <summary>503 Service Unavailable.</summary>
    ServiceUnavailable,

    /// <summary>409 Conflict on a write, before anything is stored.</summary>
    WriteConflict,

    /// <summary>A small real delay before the request is served normally.</summary>
    SlowResponse,

    /// <summary>The connection is aborted without a response.</summary>
    ConnectionReset,

    /// <summary>A watch stream is closed after a number of events.</summary>
    WatchDropped,

    /// <summary>A watch starts with an ERROR event carrying a 410 Expired Status, then closes.</summary>
    WatchExpired,
}
