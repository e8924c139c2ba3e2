using AutoMode.Aws;
using AutoMode.Core.Iam;
using AutoMode.Operator.Hosting;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Aws;

namespace AutoMode.Operator.Tests.ClusterRolePolicy;

/// <summary>
/// A seeded fake AWS account (cluster, cluster role with someone else's inline policy, Auto Mode node role) and the
/// operator's REAL AWS clients (IamQueryClient, EksRestJsonClient with static credentials, endpoints resolved through
/// AWS_ENDPOINT_URL) pointed at it; <see cref="StartOperatorAsync"/> runs the real operator with them.
/// </summary>
internal sealed class FakeAwsAccount : IAsyncDisposable
{
    public const string ClusterName = "demo";
    public const string ClusterRoleName = "AmazonEKSAutoClusterRole";
    public const string NodeRoleName = "AmazonEKSAutoNodeRole";
    public const string PolicyName = TagPropagationPolicy.DefaultPolicyName;
    public const string OtherPolicyName = "team-owned-inline";

    /// <summary>Someone else's inline policy on the cluster role: it must survive every scenario byte for byte.</summary>
    public const string OtherPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    public const string TrustWithTagSession =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";

    public const string TrustWithoutTagSession =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private readonly HttpClient _http = new();

    private FakeAwsAccount(FakeAwsServer server, CrossFakeOrder order, string region, string roleArn, string nodeRoleArn, string clusterArn)
    {
        Server = server;
        Order = order;
        Region = region;
        ClusterRoleArn = roleArn;
        NodeRoleArn = nodeRoleArn;
        ClusterArn = clusterArn;
        var endpoints = new AwsEndpointResolver(name => name == "AWS_ENDPOINT_URL" ? server.Endpoint.ToString() : null);
        var credentials = new StaticAwsCredentialsSource(new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
        // Small real backoff so throttling tests take milliseconds; the delays are recorded.
        var aws = new AwsOptions { MaxAttempts = 4, RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(40) };
        Iam = new IamQueryClient(_http, credentials, endpoints.ResolveIam(region), aws, RetryClock, Retries.For<IamQueryClient>());
        Eks = new EksRestJsonClient(_http, credentials, endpoints.ResolveEks(region), aws, RetryClock, Retries.For<EksRestJsonClient>());
    }

    public FakeAwsServer Server { get; }

    public CrossFakeOrder Order { get; }

    public string Region { get; }

    public string ClusterRoleArn { get; }

    public string NodeRoleArn { get; }

    public string ClusterArn { get; }

    public IIamRolePolicyApi Iam { get; }

    public IEksApi Eks { get; }

    /// <summary>Where the AWS clients' retry pipeline waited (timers for its backoff delays of 1 ms or more).</summary>
    public RecordingTimeProvider RetryClock { get; } = new();

    /// <summary>Every retry the AWS clients' pipeline made, with the delay it chose.</summary>
    public RetryDelayLog Retries { get; } = new();

    /// <summary>Clients' max attempts per call (the AwsOptions above).</summary>
    public static int MaxAttempts => 4;

    public static async Task<FakeAwsAccount> StartAsync(
        string partition = "aws",
        string region = "us-west-2",
        string rolePath = "/",
        string trustPolicy = TrustWithTagSession,
        bool autoModeNodeRole = true)
    {
        var order = new CrossFakeOrder();
        var iamRegion = AwsPartition.FromName(partition).IamSigningRegion;
        var server = await FakeAwsServer.StartAsync(new FakeAwsServerOptions
        {
            Partition = partition,
            Region = region,
            IamSigningRegion = iamRegion,
            Sequence = order.Next,
        });
        var roleArn = server.AddRole(ClusterRoleName, trustPolicy, rolePath);
        server.PutInlinePolicy(ClusterRoleName, OtherPolicyName, OtherPolicy);
        var nodeRoleArn = $"arn:{partition}:iam::{server.AccountId}:role/{NodeRoleName}";
        var clusterArn = server.AddCluster(ClusterName, roleArn, autoModeNodeRole ? nodeRoleArn : null);
        return new FakeAwsAccount(server, order, region, roleArn, nodeRoleArn, clusterArn);
    }

    /// <summary>The real operator against a fresh fake API server, with IAM integration on for <see cref="ClusterName"/>.</summary>
    public Task<OperatorHarness> StartOperatorAsync(Func<RunOptions, RunOptions>? options = null) =>
        OperatorHarness.StartAsync(
            o =>
            {
                var withAws = o with { ClusterName = ClusterName, IamPropagationDelay = TimeSpan.Zero, IamResync = TimeSpan.FromMinutes(5) };
                return options?.Invoke(withAws) ?? withAws;
            },
            iam: Iam,
            eks: Eks,
            observer: Order.CreateHandler);

    public string? StoredPolicy => Server.GetInlinePolicy(ClusterRoleName, PolicyName);

    public IEnumerable<FakeAwsRequest> Calls(string operation) => Server.Requests.Where(r => r.Operation == operation);

    public int Succeeded(string operation) => Calls(operation).Count(r => r.Succeeded);

    /// <summary>The role's other inline policy is exactly as seeded, and no request ever named another policy.</summary>
    public void AssertOtherPoliciesUntouched()
    {
        var policies = Server.GetInlinePolicies(ClusterRoleName);
        Assert.Equal(OtherPolicy, policies[OtherPolicyName]);
        Assert.DoesNotContain(Server.Requests, r => r.PolicyName is not null && r.PolicyName != PolicyName);
        Assert.DoesNotContain(Server.Requests, r => r.Operation == "ListRolePolicies");
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _http.Dispose();
    }
}
