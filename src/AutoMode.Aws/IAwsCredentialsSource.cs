namespace AutoMode.Aws;

/// <summary>Supplies credentials for each request (sources refresh expiring credentials themselves).</summary>
public interface IAwsCredentialsSource
{
    ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}
