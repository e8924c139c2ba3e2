namespace AutoMode.Testing.Aws;

/// <summary>A failure the fake AWS endpoint can inject, rendered in the operation's real wire protocol.</summary>
public enum FakeAwsFault
{
    /// <summary>IAM <c>Throttling</c> (400) / EKS <c>ThrottlingException</c> (429).</summary>
    Throttling,

    /// <summary>IAM <c>AccessDenied</c> / EKS <c>AccessDeniedException</c> (403), naming the action and resource.</summary>
    AccessDenied,

    /// <summary>HTTP 500: IAM <c>ServiceFailure</c> / EKS <c>ServerException</c>.</summary>
    InternalError,

    /// <summary>HTTP 503: IAM <c>ServiceUnavailable</c> / EKS <c>ServiceUnavailableException</c>.</summary>
    ServiceUnavailable,

    /// <summary>IAM <c>MalformedPolicyDocument</c> (400).</summary>
    MalformedPolicyDocument,

    /// <summary>IAM <c>LimitExceeded</c> (409) / EKS <c>ResourceLimitExceededException</c> (400).</summary>
    LimitExceeded,

    /// <summary>The connection is aborted without a response.</summary>
    ConnectionDrop,

    /// <summary>
    /// HTTP 404 with an HTML body and no AWS error code: what a wrong endpoint, a proxy, or moto 5.2.1 (Werkzeug's
    /// default page, for the EKS access-entry routes it does not implement) answers. Never what IAM or EKS send.
    /// </summary>
    BareNotFound,
}
