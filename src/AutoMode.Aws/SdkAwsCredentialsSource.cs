using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace AutoMode.Aws;

/// <summary>
/// The AWS SDK's default credential chain: environment variables, shared config/credentials profile, IRSA web
/// identity (AssumeRoleWithWebIdentity through AWSSDK.SecurityToken, which the SDK loads by name), EKS Pod Identity
/// / ECS container credentials, EC2 instance metadata. The resolved provider refreshes expiring credentials.
/// </summary>
public sealed class SdkAwsCredentialsSource : IAwsCredentialsSource, IDisposable
{
    private readonly SemaphoreSlim resolveLock = new(1, 1);
    private AWSCredentials? provider;

    public async ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        var resolved = provider ?? await ResolveProviderAsync(cancellationToken).ConfigureAwait(false);
        var immutable = await resolved.GetCredentialsAsync().ConfigureAwait(false);
        return new AwsCredentials(immutable.AccessKey, immutable.SecretKey, immutable.UseToken ? immutable.Token : null);
    }

    public void Dispose() => resolveLock.Dispose();

    private async Task<AWSCredentials> ResolveProviderAsync(CancellationToken cancellationToken)
    {
        await resolveLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            provider ??= await new DefaultAWSCredentialsIdentityResolver().ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false);
            return provider;
        }
        finally
        {
            resolveLock.Release();
        }
    }
}
