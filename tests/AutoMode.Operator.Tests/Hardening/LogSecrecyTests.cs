using System.Net.Http.Headers;
using AutoMode.Aws;
using AutoMode.Core.Iam;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Aws;
using AutoMode.Testing.Builders;
using AutoMode.Testing.Kube;
using Microsoft.Extensions.Logging;

namespace AutoMode.Operator.Tests.Hardening;

/// <summary>
/// No credential, token or request body reaches the logs, at Trace level, on success, retry and failure paths
/// (issue: hardening): AWS keys from the environment through the SDK's credential chain, a Kubernetes bearer token,
/// secret-shaped strings in AWS responses and in a user's tag value.
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class LogSecrecyTests
{
    private const string AccessKeyId = "AKIAHARDENINGEXAMPLE";
    private const string SecretAccessKey = "hardening/Secret+Key0123456789abcdefGHIJKLMN";
    private const string SessionToken = "hardeningSessionToken//FwoGZXIvYXdzEXAMPLETOKENVALUE==";
    private const string BearerToken = "eyJhbGciOiJSUzI1NiJ9.hardening-service-account-token.c2lnbmF0dXJl";
    private const string TagSecret = "tag-value-password-Hunter2-0f9e8d";
    private const string TrustMarker = "TRUST-DOCUMENT-SECRET-7c1d";
    private const string PolicyMarker = "POLICY-DOCUMENT-SECRET-4b2a";

    [Fact]
    public async Task OperatorWithIamAndFaults_AtTraceLevel_LogsNoCredentialTokenOrBody()
    {
        var saved = new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN" }.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", AccessKeyId);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", SecretAccessKey);
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", SessionToken);
        try
        {
            await RunAsync();
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    private static async Task RunAsync()
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var aws = await FakeAwsServer.StartAsync();
        var trust = """{"Version":"2012-10-17","Statement":[{"Sid":"TRUST-MARKER","Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}"""
            .Replace("TRUST-MARKER", TrustMarker, StringComparison.Ordinal);
        var roleArn = aws.AddRole("automode-cluster-role", trust);
        aws.AddCluster("prod", roleArn);
        // A drifted copy of our policy, carrying a secret-shaped string the operator reads back and must not echo.
        aws.PutInlinePolicy("automode-cluster-role", TagPropagationPolicy.DefaultPolicyName,
            """{"Version":"2012-10-17","Statement":[{"Sid":"MARKER","Effect":"Allow","Action":"ec2:CreateTags","Resource":"*"}]}""".Replace("MARKER", PolicyMarker, StringComparison.Ordinal));
        aws.Faults.FailNext("GetRole", FakeAwsFault.Throttling);
        aws.Faults.FailNext("PutRolePolicy", FakeAwsFault.AccessDenied);

        using var http = new HttpClient();
        using var credentials = new SdkAwsCredentialsSource();
        var resolver = new AwsEndpointResolver(name => name == "AWS_ENDPOINT_URL" ? aws.Endpoint.ToString() : null);
        var options = new AwsOptions { ClusterName = "prod", Region = "us-west-2", RetryBaseDelay = TimeSpan.FromMilliseconds(10), RetryMaxDelay = TimeSpan.FromMilliseconds(50) };
        using var metrics = new AwsApiMetrics();
        var iam = new IamQueryClient(http, credentials, resolver.ResolveIam("us-west-2"), options, TimeProvider.System, loggers.CreateLogger<IamQueryClient>(), metrics);
        var eks = new EksRestJsonClient(http, credentials, resolver.ResolveEks("us-west-2"), options, TimeProvider.System, loggers.CreateLogger<EksRestJsonClient>(), metrics);

        await using var h = await OperatorHarness.StartAsync(
            o => o with { ClusterName = "prod", Region = "us-west-2", ManageIam = true, CreateAccessEntries = true, IamPropagationDelay = TimeSpan.Zero },
            iam: iam,
            eks: eks,
            tap: () => new BearerTokenHandler(BearerToken),
            loggers: loggers);
        var plan = new FaultPlan(seed: 3) { InternalServerError = 0.1, WriteConflict = 0.1 };
        plan.Resources.Add("nodeclasses");
        plan.Resources.Add("nodepools");
        h.Server.Faults = plan;

        h.Apply(WorkloadClasses.Valid("web", s => s.Tags = new Dictionary<string, string> { ["team"] = "web", ["secret-ish"] = TagSecret }));
        // Failed AWS calls and refused writes are retried after backoff on the operator's clock: let it tick.
        await h.WaitTickingAsync(() => OperatorHarness.Condition(h.Get("workloadclasses", "web"), "Ready") == "True", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(PolicyMarker, aws.GetInlinePolicy("automode-cluster-role", TagPropagationPolicy.DefaultPolicyName), StringComparison.Ordinal);
        Assert.NotNull(aws.GetAccessEntry("prod", "arn:aws:iam::111122223333:role/AmazonEKSAutoNodeRole"));
        Assert.Equal(TagSecret, (string?)h.Get("nodeclasses", "web")!["spec"]!["tags"]!["secret-ish"]);
        await h.StopOperatorAsync();

        var everything = logs.All;
        Assert.Contains("PutRolePolicy", everything, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", everything, StringComparison.Ordinal);
        foreach (var secret in new[] { SecretAccessKey, SessionToken, BearerToken, TagSecret, TrustMarker, PolicyMarker, "Signature=", "Bearer ", "Statement" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    /// <summary>Sends a service-account-shaped bearer token on every Kubernetes request, as in-cluster config would.</summary>
    private sealed class BearerTokenHandler(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
