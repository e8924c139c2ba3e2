namespace AutoMode.Aws;

/// <summary>What went wrong, classified from the error code and HTTP status (never from the message text).</summary>
public enum AwsErrorKind
{
    Unknown = 0,

    /// <summary>IAM <c>NoSuchEntity</c>, EKS <c>ResourceNotFoundException</c>.</summary>
    NotFound,

    /// <summary><c>AccessDenied</c>, <c>AccessDeniedException</c>, <c>UnauthorizedOperation</c>: a permission is missing.</summary>
    AccessDenied,

    /// <summary>The request was not authenticated (missing/invalid/expired credentials or signature).</summary>
    InvalidCredentials,

    /// <summary><c>Throttling</c>, <c>ThrottlingException</c>, <c>RequestLimitExceeded</c>, <c>TooManyRequestsException</c>, HTTP 429.</summary>
    Throttling,

    MalformedPolicyDocument,

    /// <summary>IAM <c>LimitExceeded</c> (e.g. aggregate inline policy size), EKS <c>ResourceLimitExceededException</c>.</summary>
    LimitExceeded,

    UnmodifiableEntity,

    /// <summary>IAM <c>InvalidInput</c>/<c>ValidationError</c>, EKS <c>InvalidParameterException</c>/<c>InvalidRequestException</c>/<c>ClientException</c>.</summary>
    InvalidInput,

    /// <summary>IAM <c>EntityAlreadyExists</c>, EKS <c>ResourceInUseException</c>.</summary>
    Conflict,

    /// <summary><c>ServiceFailure</c>, <c>ServerException</c>, <c>ServiceUnavailableException</c>, any 5xx, or no response at all.</summary>
    ServiceFailure,

    /// <summary>
    /// HTTP 404 with no AWS error code (or <c>UnknownOperationException</c>): the URL reached something that does not
    /// serve this operation (a wrong endpoint override, a proxy, an emulator without the API, such as moto 5.2.1 for
    /// EKS access entries). Never read as "the resource is missing": IAM and EKS always name a missing resource with
    /// a code (<c>NoSuchEntity</c>, <c>ResourceNotFoundException</c>). Not retried by the client (the same URL
    /// answers the same); callers report it and check again later.
    /// </summary>
    EndpointNotFound,
}
