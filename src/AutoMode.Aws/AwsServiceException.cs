using System.Net;

namespace AutoMode.Aws;

/// <summary>
/// An AWS API call failed. Carries what the service said (<see cref="ErrorCode"/>, <see cref="HttpStatusCode"/>,
/// <see cref="RequestId"/>) and what the operator attempted (<see cref="Action"/> on <see cref="Resource"/>), so a
/// condition can name the exact missing permission. Subclasses exist per <see cref="AwsErrorKind"/> for catch clauses.
/// </summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException()
        : this(new AwsErrorDetails(AwsErrorKind.Unknown, "unknown", "Unknown", "", "", null, null), null)
    {
    }

    public AwsServiceException(string message)
        : this(new AwsErrorDetails(AwsErrorKind.Unknown, "unknown", "Unknown", "", "", null, message), null)
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : this(new AwsErrorDetails(AwsErrorKind.Unknown, "unknown", "Unknown", "", "", null, message), innerException)
    {
    }

    public AwsServiceException(AwsErrorDetails details, Exception? innerException = null)
        : base(Describe(details), innerException)
    {
        ArgumentNullException.ThrowIfNull(details);
        Details = details;
    }

    public AwsErrorDetails Details { get; }

    public AwsErrorKind Kind => Details.Kind;

    /// <summary>Signing name of the service: <c>iam</c> or <c>eks</c>.</summary>
    public string Service => Details.Service;

    public string ErrorCode => Details.ErrorCode;

    /// <summary>Null when no response arrived (connection failure).</summary>
    public HttpStatusCode? HttpStatusCode => Details.HttpStatusCode;

    public string? RequestId => Details.RequestId;

    /// <summary>IAM action the operator attempted, e.g. <c>iam:PutRolePolicy</c>.</summary>
    public string Action => Details.Action;

    /// <summary>Resource of the attempt: an ARN, or the bare name when the account is not known yet.</summary>
    public string Resource => Details.Resource;

    /// <summary>The message the service returned, verbatim (for people; never parsed).</summary>
    public string? ServiceMessage => Details.ServiceMessage;

    /// <summary>Transient failures the retry pipeline retries: throttling, 5xx, no response.</summary>
    public bool IsRetryable => Kind is AwsErrorKind.Throttling or AwsErrorKind.ServiceFailure;

    /// <summary>
    /// The exception for <paramref name="details"/>. One type for every AWS failure: callers branch on
    /// <see cref="Kind"/> (catch ... when, or a property pattern), not on a subclass per kind.
    /// </summary>
    public static AwsServiceException Create(AwsErrorDetails details, Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new AwsServiceException(details, innerException);
    }

    private static string Describe(AwsErrorDetails d)
    {
        var status = d.HttpStatusCode is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no response";
        var text = d.Kind == AwsErrorKind.AccessDenied
            ? $"{d.Service} {d.ErrorCode} ({status}): the operator is not allowed to perform {d.Action} on {d.Resource}"
            : $"{d.Service} {d.ErrorCode} ({status}) for {d.Action} on {d.Resource}";
        if (!string.IsNullOrEmpty(d.ServiceMessage))
        {
            text += ": " + d.ServiceMessage;
        }

        return d.RequestId is null ? text : text + $" (request id {d.RequestId})";
    }
}
