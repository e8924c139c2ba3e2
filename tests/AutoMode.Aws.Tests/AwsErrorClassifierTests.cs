using System.Net;

namespace AutoMode.Aws.Tests;

public class AwsErrorClassifierTests
{
    public static TheoryData<string?, HttpStatusCode?, AwsErrorKind, string> Cases => new()
    {
        { "NoSuchEntity", HttpStatusCode.NotFound, AwsErrorKind.NotFound, "IAM not found" },
        { "ResourceNotFoundException", HttpStatusCode.NotFound, AwsErrorKind.NotFound, "EKS not found" },
        { "AccessDenied", HttpStatusCode.Forbidden, AwsErrorKind.AccessDenied, "IAM query access denied" },
        { "AccessDeniedException", HttpStatusCode.Forbidden, AwsErrorKind.AccessDenied, "rest-json access denied" },
        { "UnauthorizedOperation", HttpStatusCode.Forbidden, AwsErrorKind.AccessDenied, "EC2-style access denied" },
        { "Throttling", HttpStatusCode.BadRequest, AwsErrorKind.Throttling, "IAM throttling is a 400: the code decides, not the status" },
        { "ThrottlingException", HttpStatusCode.TooManyRequests, AwsErrorKind.Throttling, "EKS throttling" },
        { "RequestLimitExceeded", HttpStatusCode.ServiceUnavailable, AwsErrorKind.Throttling, "EC2-style throttling" },
        { "TooManyRequestsException", HttpStatusCode.TooManyRequests, AwsErrorKind.Throttling, "API Gateway-style throttling" },
        { "MalformedPolicyDocument", HttpStatusCode.BadRequest, AwsErrorKind.MalformedPolicyDocument, "bad document" },
        { "LimitExceeded", HttpStatusCode.Conflict, AwsErrorKind.LimitExceeded, "IAM 10,240-char aggregate" },
        { "UnmodifiableEntity", HttpStatusCode.BadRequest, AwsErrorKind.UnmodifiableEntity, "service-linked role" },
        { "InvalidInput", HttpStatusCode.BadRequest, AwsErrorKind.InvalidInput, "IAM invalid input" },
        { "InvalidParameterException", HttpStatusCode.BadRequest, AwsErrorKind.InvalidInput, "EKS invalid parameter" },
        { "ResourceInUseException", HttpStatusCode.Conflict, AwsErrorKind.Conflict, "access entry exists" },
        { "ServiceFailure", HttpStatusCode.InternalServerError, AwsErrorKind.ServiceFailure, "IAM 500" },
        { "ServerException", HttpStatusCode.InternalServerError, AwsErrorKind.ServiceFailure, "EKS 500" },
        { "ServiceUnavailableException", HttpStatusCode.ServiceUnavailable, AwsErrorKind.ServiceFailure, "EKS 503" },
        { "MissingAuthenticationToken", HttpStatusCode.Forbidden, AwsErrorKind.InvalidCredentials, "unsigned is not a missing permission" },
        { "SignatureDoesNotMatch", HttpStatusCode.Forbidden, AwsErrorKind.InvalidCredentials, "bad signature" },
        { "Http502", HttpStatusCode.BadGateway, AwsErrorKind.ServiceFailure, "unknown code, 5xx status" },
        { "Http429", HttpStatusCode.TooManyRequests, AwsErrorKind.Throttling, "unknown code, 429 status" },
        { null, null, AwsErrorKind.ServiceFailure, "no response at all" },
        { "SomethingNew", HttpStatusCode.BadRequest, AwsErrorKind.InvalidInput, "unknown 400" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_UsesCodeThenStatus(string? code, HttpStatusCode? status, AwsErrorKind expected, string reason) =>
        Assert.True(AwsErrorClassifier.Classify(code, status) == expected, reason);

    [Fact]
    public void Create_ReturnsTypedSubclass()
    {
        var details = new AwsErrorDetails(AwsErrorKind.AccessDenied, "iam", "AccessDenied", "iam:PutRolePolicy",
            "arn:aws:iam::1:role/r", HttpStatusCode.Forbidden, "msg", "rid");

        var ex = AwsAssert.IsKind(AwsErrorKind.AccessDenied, AwsServiceException.Create(details));

        Assert.Contains("iam:PutRolePolicy on arn:aws:iam::1:role/r", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
    }
}
