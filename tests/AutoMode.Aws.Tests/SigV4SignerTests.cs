namespace AutoMode.Aws.Tests;

public class SigV4SignerTests
{
    // AWS SigV4 test suite credentials and clock (signature-v4-test-suite, "get-vanilla" et al.).
    private static readonly AwsCredentials SuiteCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void GetVanilla_MatchesPublishedSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");

        SigV4Signer.Sign(request, [], SuiteCredentials, "us-east-1", "service", SuiteTime);

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
            + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            request.Headers.GetValues("Authorization").Single());
        Assert.Equal("20150830T123600Z", request.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal("example.amazonaws.com", request.Headers.Host);
        Assert.False(request.Headers.Contains("X-Amz-Security-Token"));
    }

    [Fact]
    public void GetVanillaQueryOrderKeyCase_SortsQueryBeforeSigning()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/?Param2=value2&Param1=value1");

        SigV4Signer.Sign(request, [], SuiteCredentials, "us-east-1", "service", SuiteTime);

        Assert.EndsWith("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
            request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void SessionCredentials_AddAndSignSecurityToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        var session = SuiteCredentials with { SessionToken = "token-value" };

        SigV4Signer.Sign(request, [], session, "us-east-1", "service", SuiteTime);

        Assert.Equal("token-value", request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Contains("SignedHeaders=host;x-amz-date;x-amz-security-token,", request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void PostWithBody_SignsContentTypeAndPayload()
    {
        var body1 = "Action=GetRole&Version=2010-05-08&RoleName=a"u8.ToArray();
        var body2 = "Action=GetRole&Version=2010-05-08&RoleName=b"u8.ToArray();

        var first = SignPost(body1);
        var second = SignPost(body2);

        Assert.Contains("SignedHeaders=content-type;host;x-amz-date,", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void NonDefaultPort_IsPartOfTheSignedHost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:4566/");

        SigV4Signer.Sign(request, [], SuiteCredentials, "us-east-1", "eks", SuiteTime);

        Assert.Equal("127.0.0.1:4566", request.Headers.Host);
    }

    [Fact]
    public void EncodedPathLabels_AreEncodedAgainInTheCanonicalPath()
    {
        // Same wire path, different label encodings must sign differently (the second encoding pass is real).
        var headers = new Dictionary<string, string> { ["host"] = "eks.us-west-2.amazonaws.com", ["x-amz-date"] = "20150830T123600Z" };
        var encoded = SigV4Signer.Authorization("GET", new Uri("https://eks.us-west-2.amazonaws.com/clusters/c/access-entries/arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fn"),
            headers, [], SuiteCredentials, "us-west-2", "eks", "20150830T123600Z");
        var plain = SigV4Signer.Authorization("GET", new Uri("https://eks.us-west-2.amazonaws.com/clusters/c/access-entries/arn:aws:iam::1:role"),
            headers, [], SuiteCredentials, "us-west-2", "eks", "20150830T123600Z");

        Assert.NotEqual(encoded, plain);
    }

    [Theory]
    [InlineData("abc-_.~XYZ09", "abc-_.~XYZ09")]
    [InlineData("a b", "a%20b")]
    [InlineData("arn:aws:iam::1:role/x", "arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx")]
    [InlineData("{\"a\":\"*\"}", "%7B%22a%22%3A%22%2A%22%7D")]
    [InlineData("é", "%C3%A9")]
    public void UriEncode_IsRfc3986WithUpperCaseHex(string input, string expected) =>
        Assert.Equal(expected, SigV4Signer.UriEncode(input));

    private static string SignPost(byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://iam.amazonaws.com/")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        SigV4Signer.Sign(request, body, SuiteCredentials, "us-east-1", "iam", SuiteTime);
        return request.Headers.GetValues("Authorization").Single();
    }
}
