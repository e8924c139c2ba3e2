namespace AutoMode.Aws;

/// <summary>A permission is missing; Action and Resource name it exactly.</summary>
public sealed class AwsAccessDeniedException : AwsServiceException
{
    public AwsAccessDeniedException()
    {
    }

    public AwsAccessDeniedException(string message)
        : base(message)
    {
    }

    public AwsAccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AwsAccessDeniedException(AwsErrorDetails details, Exception? innerException = null)
        : base(details, innerException)
    {
    }
}
