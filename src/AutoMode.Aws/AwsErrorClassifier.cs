using System.Collections.Frozen;
using System.Net;

namespace AutoMode.Aws;

/// <summary>Maps (error code, HTTP status) to <see cref="AwsErrorKind"/>. Codes first; the status decides only for unknown codes.</summary>
public static class AwsErrorClassifier
{
    private static readonly FrozenDictionary<string, AwsErrorKind> Codes = new Dictionary<string, AwsErrorKind>(StringComparer.Ordinal)
    {
        ["NoSuchEntity"] = AwsErrorKind.NotFound,
        ["ResourceNotFoundException"] = AwsErrorKind.NotFound,
        ["NotFoundException"] = AwsErrorKind.NotFound,
        ["AccessDenied"] = AwsErrorKind.AccessDenied,
        ["AccessDeniedException"] = AwsErrorKind.AccessDenied,
        ["UnauthorizedOperation"] = AwsErrorKind.AccessDenied,
        ["MissingAuthenticationToken"] = AwsErrorKind.InvalidCredentials,
        ["MissingAuthenticationTokenException"] = AwsErrorKind.InvalidCredentials,
        ["IncompleteSignature"] = AwsErrorKind.InvalidCredentials,
        ["InvalidClientTokenId"] = AwsErrorKind.InvalidCredentials,
        ["UnrecognizedClientException"] = AwsErrorKind.InvalidCredentials,
        ["SignatureDoesNotMatch"] = AwsErrorKind.InvalidCredentials,
        ["InvalidSignatureException"] = AwsErrorKind.InvalidCredentials,
        ["ExpiredToken"] = AwsErrorKind.InvalidCredentials,
        ["ExpiredTokenException"] = AwsErrorKind.InvalidCredentials,
        ["Throttling"] = AwsErrorKind.Throttling,
        ["ThrottlingException"] = AwsErrorKind.Throttling,
        ["ThrottledException"] = AwsErrorKind.Throttling,
        ["RequestThrottled"] = AwsErrorKind.Throttling,
        ["RequestThrottledException"] = AwsErrorKind.Throttling,
        ["RequestLimitExceeded"] = AwsErrorKind.Throttling,
        ["TooManyRequestsException"] = AwsErrorKind.Throttling,
        ["SlowDown"] = AwsErrorKind.Throttling,
        ["PriorRequestNotComplete"] = AwsErrorKind.Throttling,
        ["MalformedPolicyDocument"] = AwsErrorKind.MalformedPolicyDocument,
        ["MalformedPolicyDocumentException"] = AwsErrorKind.MalformedPolicyDocument,
        ["LimitExceeded"] = AwsErrorKind.LimitExceeded,
        ["LimitExceededException"] = AwsErrorKind.LimitExceeded,
        ["ResourceLimitExceededException"] = AwsErrorKind.LimitExceeded,
        ["UnmodifiableEntity"] = AwsErrorKind.UnmodifiableEntity,
        ["InvalidInput"] = AwsErrorKind.InvalidInput,
        ["ValidationError"] = AwsErrorKind.InvalidInput,
        ["InvalidParameterException"] = AwsErrorKind.InvalidInput,
        ["InvalidRequestException"] = AwsErrorKind.InvalidInput,
        ["ClientException"] = AwsErrorKind.InvalidInput,
        ["BadRequestException"] = AwsErrorKind.InvalidInput,
        ["EntityAlreadyExists"] = AwsErrorKind.Conflict,
        ["ResourceInUseException"] = AwsErrorKind.Conflict,
        ["ResourceInUse"] = AwsErrorKind.Conflict,
        ["ServiceFailure"] = AwsErrorKind.ServiceFailure,
        ["ServerException"] = AwsErrorKind.ServiceFailure,
        ["ServiceUnavailable"] = AwsErrorKind.ServiceFailure,
        ["ServiceUnavailableException"] = AwsErrorKind.ServiceFailure,
        ["InternalFailure"] = AwsErrorKind.ServiceFailure,
        ["InternalError"] = AwsErrorKind.ServiceFailure,
        ["InternalServerError"] = AwsErrorKind.ServiceFailure,
        ["UnknownOperationException"] = AwsErrorKind.EndpointNotFound,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private const string StatusOnlyPrefix = "Http";

    /// <summary>The code recorded for a response that carried no AWS error code: <c>Http</c> + the status, e.g. <c>Http404</c>.</summary>
    public static string StatusOnlyCode(HttpStatusCode status) =>
        StatusOnlyPrefix + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static AwsErrorKind Classify(string? errorCode, HttpStatusCode? status)
    {
        if (errorCode is not null && Codes.TryGetValue(errorCode, out var kind))
        {
            return kind;
        }

        // A 404 is "not found" only when the service says so with a code. IAM (awsQuery: <Error><Code>) and EKS
        // (restJson1: x-amzn-ErrorType or the body's __type/code; smithy.io/2.0/aws/protocols/aws-restjson1-protocol,
        // "Operation error serialization") always send one; a bare 404 comes from whatever else answered the URL.
        var hasCode = errorCode is not null && (status is not { } answered || errorCode != StatusOnlyCode(answered));
        return status switch
        {
            null => AwsErrorKind.ServiceFailure,
            System.Net.HttpStatusCode.TooManyRequests => AwsErrorKind.Throttling,
            System.Net.HttpStatusCode.NotFound => hasCode ? AwsErrorKind.NotFound : AwsErrorKind.EndpointNotFound,
            System.Net.HttpStatusCode.Forbidden => AwsErrorKind.AccessDenied,
            System.Net.HttpStatusCode.Conflict => AwsErrorKind.Conflict,
            { } s when (int)s >= 500 => AwsErrorKind.ServiceFailure,
            System.Net.HttpStatusCode.BadRequest => AwsErrorKind.InvalidInput,
            _ => AwsErrorKind.Unknown,
        };
    }
}
