using AutoMode.Testing.Aws;

namespace AutoMode.Aws.Tests;

/// <summary>Credentials never reach logs or exception messages, on success, failure and retry paths.</summary>
public class SecretHygieneTests
{
    [Fact]
    public async Task LogsAndErrors_NeverContainSecretOrSessionToken()
    {
        await using var h = await AwsHarness.StartAsync();
        h.Server.AddRole("r", "{}");
        h.Server.AddCluster("prod", h.Server.AddRole("c", "{}"));
        h.Server.Faults.FailNext("GetRole", FakeAwsFault.Throttling);
        h.Server.Faults.FailUntilCleared("PutRolePolicy", FakeAwsFault.AccessDenied);
        var messages = new List<string>();

        var get = h.Iam.GetRoleAsync("r", CancellationToken.None);
        await h.Time.AdvanceNextDelayAsync(AwsHarness.Timeout);
        await get.WaitAsync(AwsHarness.Timeout);
        await h.Eks.DescribeClusterAsync("prod", CancellationToken.None);
        messages.Add((await AwsAssert.ThrowsAsync(AwsErrorKind.AccessDenied, () => h.Iam.PutRolePolicyAsync("r", "p", "{\"Statement\":[]}", CancellationToken.None))).ToString());
        messages.Add((await AwsAssert.ThrowsAsync(AwsErrorKind.NotFound, () => h.Eks.DescribeClusterAsync("none", CancellationToken.None))).ToString());

        var everything = string.Join("\n", h.Logs.Lines.Concat(messages));
        Assert.NotEmpty(h.Logs.Lines);
        Assert.Contains("GetRole", everything, StringComparison.Ordinal);
        Assert.Contains("request id", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(AwsHarness.SecretAccessKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(AwsHarness.SessionToken, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature=", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Statement", everything, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialsToString_RedactsSecretAndToken()
    {
        var text = new AwsCredentials("AKIDEXAMPLE", "very-secret", "session-token").ToString();

        Assert.Contains("AKIDEXAMPLE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("session-token", text, StringComparison.Ordinal);
    }
}
