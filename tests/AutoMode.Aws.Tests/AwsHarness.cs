using AutoMode.Testing.Aws;
using Microsoft.Extensions.Logging;

namespace AutoMode.Aws.Tests;

/// <summary>A started fake AWS endpoint plus both clients pointed at it through <c>AWS_ENDPOINT_URL</c>.</summary>
internal sealed class AwsHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public const string AccessKeyId = "AKIDHARNESSEXAMPLE";
    public const string SecretAccessKey = "harness/Secret+Key0123456789abcdefGHIJKLMN";
    public const string SessionToken = "harnessSessionToken//FwoGZXIvYXdzEXAMPLETOKENVALUE==";

    private readonly ILoggerFactory loggerFactory;

    private AwsHarness(FakeAwsServer server, AwsOptions options, string region)
    {
        Server = server;
        Options = options;
        loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        var resolver = new AwsEndpointResolver(name => name == "AWS_ENDPOINT_URL" ? server.Endpoint.ToString() : null);
        var credentials = new StaticAwsCredentialsSource(new AwsCredentials(AccessKeyId, SecretAccessKey, SessionToken));
        Iam = new IamQueryClient(Http, credentials, resolver.ResolveIam(region), options, Time, loggerFactory.CreateLogger<IamQueryClient>(), Metrics);
        Eks = new EksRestJsonClient(Http, credentials, resolver.ResolveEks(region), options, Time, loggerFactory.CreateLogger<EksRestJsonClient>(), Metrics);
    }

    public FakeAwsServer Server { get; }

    public AwsOptions Options { get; }

    public IamQueryClient Iam { get; }

    public EksRestJsonClient Eks { get; }

    public StepTimeProvider Time { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public AwsApiMetrics Metrics { get; } = new();

    public HttpClient Http { get; } = new();

    public static async Task<AwsHarness> StartAsync(AwsOptions? options = null, string region = "us-west-2", FakeAwsServerOptions? serverOptions = null)
    {
        var partition = AwsPartition.FromRegion(region);
        var server = await FakeAwsServer.StartAsync(serverOptions ?? new FakeAwsServerOptions
        {
            Region = region,
            IamSigningRegion = partition.IamSigningRegion,
            Partition = partition.Name,
        });
        return new AwsHarness(server, options ?? new AwsOptions { ClusterName = "prod" }, region);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Metrics.Dispose();
        loggerFactory.Dispose();
        await Server.DisposeAsync();
    }
}
