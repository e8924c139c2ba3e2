namespace AutoMode.Aws;

/// <summary>Fixed credentials (tests, or a deliberately pinned identity).</summary>
public sealed class StaticAwsCredentialsSource(AwsCredentials credentials) : IAwsCredentialsSource
{
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);
}
