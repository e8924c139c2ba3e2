using AutoMode.Aws;
using AutoMode.Core.Iam;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Moto;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoMode.Operator.Tests.ClusterRolePolicy.Moto;

/// <summary>
/// A moto account seeded like <see cref="FakeAwsAccount"/> (cluster role with someone else's inline policy, cluster
/// <c>demo</c>), and the operator's real IAM/EKS clients pointed at moto through AWS_ENDPOINT_URL. The IAM client is
/// wrapped to count writes, since moto keeps no request log we could read.
/// </summary>
internal sealed class MotoAccount : IDisposable
{
    public const string ClusterName = FakeAwsAccount.ClusterName;
    public const string ClusterRoleName = FakeAwsAccount.ClusterRoleName;
    public const string PolicyName = TagPropagationPolicy.DefaultPolicyName;
    public const string OtherPolicyName = FakeAwsAccount.OtherPolicyName;
    public const string Region = "us-west-2";

    private readonly HttpClient http = new();

    private MotoAccount(MotoServer server)
    {
        Setup = new MotoAwsSetup(server.Endpoint);
        var endpoints = new AwsEndpointResolver(name => name == "AWS_ENDPOINT_URL" ? server.Endpoint.ToString() : null);
        var credentials = new StaticAwsCredentialsSource(new AwsCredentials("AKIDMOTOEXAMPLE", "motoSecretKeyExample0123456789abcdefGHIJ"));
        var options = new AwsOptions { MaxAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) };
        Iam = new CountingIam(new IamQueryClient(http, credentials, endpoints.ResolveIam(Region), options, TimeProvider.System, NullLogger<IamQueryClient>.Instance));
        Eks = new EksRestJsonClient(http, credentials, endpoints.ResolveEks(Region), options, TimeProvider.System, NullLogger<EksRestJsonClient>.Instance);
    }

    public MotoAwsSetup Setup { get; }

    public CountingIam Iam { get; }

    public IEksApi Eks { get; }

    public static async Task<MotoAccount> StartAsync(MotoFixture fixture, string trustPolicy = FakeAwsAccount.TrustWithTagSession)
    {
        var account = new MotoAccount(await fixture.Server.AcquireAsync());
        var roleArn = await account.Setup.CreateRoleAsync(ClusterRoleName, trustPolicy);
        await account.Setup.PutRolePolicyAsync(ClusterRoleName, OtherPolicyName, FakeAwsAccount.OtherPolicy);
        await account.Setup.CreateClusterAsync(ClusterName, roleArn, Region);
        return account;
    }

    /// <summary>The real operator against a fresh fake API server, IAM integration on for <see cref="ClusterName"/>, AWS in moto.</summary>
    public Task<OperatorHarness> StartOperatorAsync() =>
        OperatorHarness.StartAsync(
            o => o with { ClusterName = ClusterName, IamPropagationDelay = TimeSpan.Zero, IamResync = TimeSpan.FromMinutes(5) },
            iam: Iam,
            eks: Eks);

    /// <summary>Our policy as moto stores it (decoded), or null.</summary>
    public async Task<string?> StoredPolicyAsync() =>
        await Setup.GetRolePolicyWireAsync(ClusterRoleName, PolicyName) is { } wire ? Uri.UnescapeDataString(wire) : null;

    public void Dispose()
    {
        Setup.Dispose();
        http.Dispose();
    }

    /// <summary>Forwards to the real client and counts the writes that reached moto.</summary>
    internal sealed class CountingIam(IIamRolePolicyApi inner) : IIamRolePolicyApi
    {
        private int gets;
        private int puts;
        private int deletes;

        /// <summary>GetRolePolicy calls that returned (each resync pass reads the policy once).</summary>
        public int Gets => Volatile.Read(ref gets);

        public int Puts => Volatile.Read(ref puts);

        public int Deletes => Volatile.Read(ref deletes);

        public async Task<string?> GetRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken)
        {
            var document = await inner.GetRolePolicyAsync(roleName, policyName, cancellationToken);
            Interlocked.Increment(ref gets);
            return document;
        }

        public async Task PutRolePolicyAsync(string roleName, string policyName, string policyDocument, CancellationToken cancellationToken)
        {
            await inner.PutRolePolicyAsync(roleName, policyName, policyDocument, cancellationToken);
            Interlocked.Increment(ref puts);
        }

        public async Task<bool> DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken)
        {
            var deleted = await inner.DeleteRolePolicyAsync(roleName, policyName, cancellationToken);
            if (deleted)
            {
                Interlocked.Increment(ref deletes);
            }

            return deleted;
        }

        public Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken) => inner.GetRoleAsync(roleName, cancellationToken);
    }
}
