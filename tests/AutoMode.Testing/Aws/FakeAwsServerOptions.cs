namespace AutoMode.Testing.Aws;

/// <summary>Identity of the fake AWS endpoint.</summary>
public sealed record FakeAwsServerOptions
{
    public string AccountId { get; init; } = "111122223333";

    /// <summary>ARN partition segment of ARNs the fake builds.</summary>
    public string Partition { get; init; } = "aws";

    /// <summary>Region EKS requests must be signed for.</summary>
    public string Region { get; init; } = "us-west-2";

    /// <summary>Region IAM requests must be signed for (us-east-1 / cn-north-1 / us-gov-west-1).</summary>
    public string IamSigningRegion { get; init; } = "us-east-1";

    /// <summary>Sequence source; share one with the fake Kubernetes API server to order requests across both.</summary>
    public Func<long> Sequence { get; init; } = FakeAwsServer.NextSequence;

    /// <summary>Principal named in injected AccessDenied messages.</summary>
    public string CallerArn { get; init; } = "arn:aws:sts::111122223333:assumed-role/automode-operator/session";
}
