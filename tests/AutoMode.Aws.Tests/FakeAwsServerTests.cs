using System.Net;
using System.Text;
using System.Xml.Linq;
using AutoMode.Testing.Aws;

namespace AutoMode.Aws.Tests;

public class FakeAwsServerTests
{
    private static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "secret");

    [Fact]
    public async Task UnsignedIamRequest_IsRejectedWithXmlError()
    {
        await using var server = await FakeAwsServer.StartAsync();
        server.AddRole("r", "{}");
        using var http = new HttpClient();

        using var response = await http.PostAsync(server.Endpoint, Form("Action=GetRole&Version=2010-05-08&RoleName=r"));
        var xml = XElement.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("MissingAuthenticationToken", xml.Descendants().Single(e => e.Name.LocalName == "Code").Value);
        Assert.Equal("https://iam.amazonaws.com/doc/2010-05-08/", xml.Name.NamespaceName);
        Assert.Equal("GetRole", server.Requests.Single().Operation);
        Assert.Equal(403, server.Requests.Single().StatusCode);
    }

    [Fact]
    public async Task UnsignedEksRequest_IsRejectedWithJsonErrorAndErrorTypeHeader()
    {
        await using var server = await FakeAwsServer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.Endpoint, "clusters/prod"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single(), StringComparison.Ordinal);
        Assert.Contains("\"message\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iam", "us-west-2", "SignatureDoesNotMatch", "IAM must be signed for the partition's IAM region, not the cluster region")]
    [InlineData("eks", "us-east-1", "SignatureDoesNotMatch", "scope names the wrong service")]
    public async Task WrongCredentialScope_IsRejected(string service, string region, string code, string reason)
    {
        await using var server = await FakeAwsServer.StartAsync();
        server.AddRole("r", "{}");
        using var http = new HttpClient();
        var body = "Action=GetRole&Version=2010-05-08&RoleName=r"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        SigV4Signer.Sign(request, body, Credentials, region, service, DateTimeOffset.UnixEpoch);

        using var response = await http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, reason);
        Assert.Equal(code, server.Requests.Single().ErrorCode);
    }

    [Fact]
    public async Task MalformedAuthorizationHeader_IsRejected()
    {
        await using var server = await FakeAwsServer.StartAsync();
        server.AddRole("r", "{}");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint) { Content = Form("Action=GetRole&Version=2010-05-08&RoleName=r") };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=nothex");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20240101T000000Z");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("IncompleteSignature", server.Requests.Single().ErrorCode);
    }

    [Fact]
    public async Task GetRolePolicy_SendsDocumentUrlEncodedOnTheWire()
    {
        await using var server = await FakeAwsServer.StartAsync();
        server.AddRole("r", "{}");
        server.PutInlinePolicy("r", "p", "{\"Statement\": [\"a b\"]}");
        using var http = new HttpClient();
        var body = "Action=GetRolePolicy&Version=2010-05-08&RoleName=r&PolicyName=p"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        SigV4Signer.Sign(request, body, Credentials, "us-east-1", "iam", DateTimeOffset.UnixEpoch);

        using var response = await http.SendAsync(request);
        var xml = XElement.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("%7B%22Statement%22%3A%20%5B%22a%20b%22%5D%7D", xml.Descendants().Single(e => e.Name.LocalName == "PolicyDocument").Value);
    }

    [Fact]
    public async Task Sequence_IsSharedAndMonotonicAcrossServers()
    {
        long counter = 100;
        var options = new FakeAwsServerOptions { Sequence = () => Interlocked.Increment(ref counter) };
        await using var a = await FakeAwsServer.StartAsync(options);
        await using var b = await FakeAwsServer.StartAsync(options);
        using var http = new HttpClient();

        (await http.GetAsync(new Uri(a.Endpoint, "clusters/x"))).Dispose();
        (await http.GetAsync(new Uri(b.Endpoint, "clusters/x"))).Dispose();
        (await http.GetAsync(new Uri(a.Endpoint, "clusters/x"))).Dispose();

        Assert.Equal([101L, 103L], a.Requests.Select(r => r.Sequence));
        Assert.Equal([102L], b.Requests.Select(r => r.Sequence));
        Assert.Equal([0, 1], a.Requests.Select(r => r.Index));
        Assert.True(FakeAwsServer.NextSequence() < FakeAwsServer.NextSequence());
    }

    [Fact]
    public void RandomPlan_IsDeterministicPerSeed()
    {
        static string Run(int seed)
        {
            var faults = new FakeAwsFaults();
            faults.UseRandomPlan(seed, throttlingProbability: 0.3, serverErrorProbability: 0.2);
            return string.Join(",", Enumerable.Range(0, 50).Select(_ => faults.Next("GetRole")?.ToString() ?? "-"));
        }

        var first = Run(42);

        Assert.Equal(first, Run(42));
        Assert.NotEqual(first, Run(43));
        Assert.Contains("Throttling", first, StringComparison.Ordinal);
        Assert.Contains("-", first, StringComparison.Ordinal);
    }

    [Fact]
    public void ScriptedFaults_WinOverRandomPlan_AndCountDown()
    {
        var faults = new FakeAwsFaults();
        faults.UseRandomPlan(1, 0, 0);
        faults.FailNext("PutRolePolicy", FakeAwsFault.Throttling, times: 2);

        Assert.Equal(FakeAwsFault.Throttling, faults.Next("PutRolePolicy"));
        Assert.Equal(FakeAwsFault.Throttling, faults.Next("PutRolePolicy"));
        Assert.Null(faults.Next("PutRolePolicy"));
        Assert.Null(faults.Next("GetRole"));
    }

    [Fact]
    public async Task WaitForRequest_CompletesWhenMatchingRequestArrives()
    {
        await using var server = await FakeAwsServer.StartAsync();
        using var http = new HttpClient();
        var wait = server.WaitForRequestAsync(r => r.Operation == "DescribeCluster", AwsHarness.Timeout);

        (await http.GetAsync(new Uri(server.Endpoint, "clusters/prod"))).Dispose();

        Assert.Equal("prod", (await wait).ClusterName);
    }

    private static StringContent Form(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");
}
