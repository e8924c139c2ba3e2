using System.Reflection;

namespace AutoMode.Aws.Tests;

public class SdkAwsCredentialsSourceTests
{
    [Fact]
    public async Task EnvironmentCredentials_AreResolvedThroughTheSdkChain()
    {
        var names = new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN" };
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDFROMENV");
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret-from-env");
            Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "token-from-env");
            using var source = new SdkAwsCredentialsSource();

            var credentials = await source.GetCredentialsAsync(CancellationToken.None);

            Assert.Equal(new AwsCredentials("AKIDFROMENV", "secret-from-env", "token-from-env"), credentials);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public void SecurityTokenAssembly_IsDeployed_SoIrsaWebIdentityCanLoadIt()
    {
        // The SDK loads AWSSDK.SecurityToken by name for AssumeRoleWithWebIdentity (IRSA); it must ship with us.
        var assembly = Assembly.Load("AWSSDK.SecurityToken");

        Assert.NotNull(assembly.GetType("Amazon.SecurityToken.AmazonSecurityTokenServiceClient"));
    }

    [Fact]
    public void RegionResolver_PrefersOptionThenAwsRegionThenDefaultRegion()
    {
        var env = new Dictionary<string, string?> { ["AWS_REGION"] = "eu-west-1", ["AWS_DEFAULT_REGION"] = "ap-south-1" };

        Assert.Equal("us-east-2", AwsRegionResolver.Resolve("us-east-2", env.GetValueOrDefault, () => "x"));
        Assert.Equal("eu-west-1", AwsRegionResolver.Resolve(null, env.GetValueOrDefault, () => "x"));
        Assert.Equal("ap-south-1", AwsRegionResolver.Resolve(" ", new Dictionary<string, string?> { ["AWS_DEFAULT_REGION"] = "ap-south-1" }.GetValueOrDefault, () => "x"));
        Assert.Equal("sa-east-1", AwsRegionResolver.Resolve(null, _ => null, () => "sa-east-1"));
        Assert.Throws<InvalidOperationException>(() => AwsRegionResolver.Resolve(null, _ => null, () => null));
    }
}
