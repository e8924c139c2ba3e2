using Microsoft.Extensions.DependencyInjection;

namespace AutoMode.Aws.Tests;

public class AwsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddAutoModeAws_ResolvesNarrowInterfacesToProtocolClients()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IAwsCredentialsSource>(new StaticAwsCredentialsSource(new AwsCredentials("AKID", "secret")));

        services.AddAutoModeAws(new AwsOptions { ClusterName = "prod", Region = "eu-west-1" });
        using var provider = services.BuildServiceProvider();

        Assert.IsType<IamQueryClient>(provider.GetRequiredService<IIamRolePolicyApi>());
        Assert.IsType<EksRestJsonClient>(provider.GetRequiredService<IEksApi>());
        Assert.IsType<StaticAwsCredentialsSource>(provider.GetRequiredService<IAwsCredentialsSource>());
    }
}
