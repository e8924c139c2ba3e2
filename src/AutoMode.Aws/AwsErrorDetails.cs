using System.Net;

namespace AutoMode.Aws;

/// <summary>Everything known about one failed AWS call.</summary>
/// <param name="Kind">Classification from <paramref name="ErrorCode"/> and <paramref name="HttpStatusCode"/>.</param>
/// <param name="Service">Signing name: <c>iam</c>, <c>eks</c>.</param>
/// <param name="ErrorCode">The service's error code (<c>NoSuchEntity</c>, <c>ThrottlingException</c>, ...).</param>
/// <param name="Action">IAM action attempted, e.g. <c>iam:PutRolePolicy</c>.</param>
/// <param name="Resource">Resource of the attempt (ARN, or bare name when the account is unknown).</param>
/// <param name="HttpStatusCode">Null when no response arrived.</param>
/// <param name="RequestId">AWS request id, for support cases.</param>
/// <param name="ServiceMessage">The service's message, verbatim.</param>
public sealed record AwsErrorDetails(
    AwsErrorKind Kind,
    string Service,
    string ErrorCode,
    string Action,
    string Resource,
    HttpStatusCode? HttpStatusCode,
    string? ServiceMessage,
    string? RequestId = null);
