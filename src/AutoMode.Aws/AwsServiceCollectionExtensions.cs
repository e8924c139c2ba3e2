using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AutoMode.Aws;

/// <summary>
/// The one place the AWS adapter is wired: swapping the protocol clients for AWSSDK.IdentityManagement / AWSSDK.EKS
/// later means changing these registrations only; callers depend on <see cref="IIamRolePolicyApi"/> and
/// <see cref="IEksApi"/>.
/// </summary>
public static class AwsServiceCollectionExtensions
{
    public static IServiceCollection AddAutoModeAws(this IServiceCollection services, AwsOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton<IAwsCredentialsSource, SdkAwsCredentialsSource>();
        services.TryAddSingleton(sp => new AwsApiMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(AwsEndpointResolver.FromProcessEnvironment());
        services.TryAddSingleton(_ => new AwsHttpClientOwner(options.AttemptTimeout));
        services.TryAddSingleton<IIamRolePolicyApi>(sp => new IamQueryClient(
            sp.GetRequiredService<AwsHttpClientOwner>().Client,
            sp.GetRequiredService<IAwsCredentialsSource>(),
            sp.GetRequiredService<AwsEndpointResolver>().ResolveIam(Region(options)),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<IamQueryClient>>(),
            sp.GetRequiredService<AwsApiMetrics>()));
        services.TryAddSingleton<IEksApi>(sp => new EksRestJsonClient(
            sp.GetRequiredService<AwsHttpClientOwner>().Client,
            sp.GetRequiredService<IAwsCredentialsSource>(),
            sp.GetRequiredService<AwsEndpointResolver>().ResolveEks(Region(options)),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EksRestJsonClient>>(),
            sp.GetRequiredService<AwsApiMetrics>()));
        return services;
    }

    private static string Region(AwsOptions options) => AwsRegionResolver.Resolve(options.Region, Environment.GetEnvironmentVariable);
}
