using AutoMode.Aws;
using AutoMode.Core.Iam;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoMode.E2E.Tests;

/// <summary>
/// The operator's own AWS adapter (IamQueryClient, EksRestJsonClient), wired exactly as <c>run</c> wires it: standard
/// credential chain, region resolution, AWS_ENDPOINT_URL(_IAM/_EKS). The operator gets these clients; the IAM test
/// reads the role through the same IAM API independently of the operator's state.
/// </summary>
internal sealed class IamAccess : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private IamAccess(ServiceProvider services, AwsOptions options)
    {
        _services = services;
        Options = options;
        Iam = services.GetRequiredService<IIamRolePolicyApi>();
        Eks = services.GetRequiredService<IEksApi>();
    }

    public AwsOptions Options { get; }

    public IIamRolePolicyApi Iam { get; }

    public IEksApi Eks { get; }

    public static IamAccess Create(AwsOptions options, ILoggerFactory loggers)
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddAutoModeAws(options);
        return new IamAccess(services.BuildServiceProvider(), options);
    }

    /// <summary>The cluster role (explicit name, else EKS DescribeCluster's roleArn) and its partition.</summary>
    public async Task<(string RoleName, string Partition)> ClusterRoleAsync(CancellationToken cancellationToken)
    {
        string arn;
        string name;
        if (Options.ClusterRoleName is { Length: > 0 } explicitName)
        {
            var role = await Iam.GetRoleAsync(explicitName, cancellationToken);
            (arn, name) = (role.Arn, role.RoleName);
        }
        else
        {
            var cluster = await Eks.DescribeClusterAsync(Options.ClusterName, cancellationToken);
            (arn, name) = (cluster.RoleArn, cluster.RoleName);
        }

        return (name, AwsPartitions.FromArn(arn) ?? AwsPartitions.FromRegion(Options.Region));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
