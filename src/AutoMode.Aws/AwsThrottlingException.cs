namespace AutoMode.Aws;

/// <summary>The call was throttled on every attempt.</summary>
public sealed class AwsThrottlingException : AwsServiceException
{
    public AwsThrottlingException()
    {
    }

    public AwsThrottlingException(string message)
        : base(message)
    {
    }

    public AwsThrottlingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AwsThrottlingException(AwsErrorDetails details, Exception? innerException = null)
        : base(details, innerException)
    {
    }
}
