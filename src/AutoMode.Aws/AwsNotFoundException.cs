namespace AutoMode.Aws;

/// <summary>Raised for IAM NoSuchEntity and EKS ResourceNotFoundException.</summary>
public sealed class AwsNotFoundException : AwsServiceException
{
    public AwsNotFoundException()
    {
    }

    public AwsNotFoundException(string message)
        : base(message)
    {
    }

    public AwsNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AwsNotFoundException(AwsErrorDetails details, Exception? innerException = null)
        : base(details, innerException)
    {
    }
}
