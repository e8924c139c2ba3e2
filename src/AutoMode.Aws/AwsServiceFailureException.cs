namespace AutoMode.Aws;

/// <summary>The service failed (5xx) or never answered, on every attempt.</summary>
public sealed class AwsServiceFailureException : AwsServiceException
{
    public AwsServiceFailureException()
    {
    }

    public AwsServiceFailureException(string message)
        : base(message)
    {
    }

    public AwsServiceFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AwsServiceFailureException(AwsErrorDetails details, Exception? innerException = null)
        : base(details, innerException)
    {
    }
}
