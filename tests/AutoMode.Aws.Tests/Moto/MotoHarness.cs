using AutoMode.Testing.Moto;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Aws.Tests.Moto;

/// <summary>
/// The operator's real IAM and EKS clients pointed at moto_server through AWS_ENDPOINT_URL (as a user would point
/// them at an emulator), signing with dummy static credentials; plus <see cref="Setup"/> for what the clients never do.
/// </summary>
internal sealed class MotoHarness : IDisposable
{
    public const string Region = "us-west-2";

    private MotoHarness(MotoServer server)
    {
        Server = server;
        Setup = new MotoAwsSetup(server.Endpoint);
        var resolver = new AwsEndpointResolver(name => name == "AWS_ENDPOINT_URL" ? server.Endpoint.ToString() : null);
        var credentials = new StaticAwsCredentialsSource(new AwsCredentials("AKIDMOTOEXAMPLE", "motoSecretKeyExample0123456789abcdefGHIJ"));
        var options = new AwsOptions { ClusterName = "prod", MaxAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) };
        Iam = new IamQueryClient(Http, credentials, resolver.ResolveIam(Region), options, TimeProvider.System, NullLogger<IamQueryClient>.Instance, Metrics);
        Eks = new EksRestJsonClient(Http, credentials, resolver.ResolveEks(Region), options, TimeProvider.System, NullLogger<EksRestJsonClient>.Instance, Metrics);
    }

    public MotoServer Server { get; }

    public MotoAwsSetup Setup { get; }

    public IamQueryClient Iam { get; }

    public EksRestJsonClient Eks { get; }

    public AwsApiMetrics Metrics { get; } = new();

    public HttpClient Http { get; } = new();

    public static async Task<MotoHarness> StartAsync(MotoFixture fixture) => new(await fixture.Server.AcquireAsync());

    public void Dispose()
    {
        Setup.Dispose();
        Http.Dispose();
        Metrics.Dispose();
    }
}
