namespace AutoMode.Aws;

/// <summary>IAM rejected the policy document; retrying cannot help.</summary>
public sealed class AwsMalformedPolicyDocumentException : AwsServiceException
{
    public AwsMalformedPolicyDocumentException()
    {
    }

    public AwsMalformedPolicyDocumentException(string message)
        : base(message)
    {
    }

    public AwsMalformedPolicyDocumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AwsMalformedPolicyDocumentException(AwsErrorDetails details, Exception? innerException = null)
        : base(details, innerException)
    {
    }
}
