namespace AutoMode.Aws;

/// <summary>A quota was hit (e.g. the 10,240-character aggregate inline policy size of a role).</summary>
public sealed class AwsLimitExceededException : AwsServiceException
{
    public AwsLimitExceededException()
    {
    }

    public AwsLimitExceededException(string message)
        : base(message)
    {
    }

    public AwsLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AwsLimitExceededException(AwsErrorDetails details, Exception? innerException = null)
        : base(details, innerException)
    {
    }
}
