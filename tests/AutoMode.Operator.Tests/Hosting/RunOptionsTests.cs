using AutoMode.Operator.Hosting;

namespace AutoMode.Operator.Tests.Hosting;

public sealed class RunOptionsTests
{
    private static RunOptions Parse(string[] args, Dictionary<string, string>? env, out IReadOnlyList<string> errors) =>
        RunOptions.Parse(args, name => env?.GetValueOrDefault(name), out errors);

    [Fact]
    public void NoFlags_Defaults()
    {
        var options = Parse([], null, out var errors);

        Assert.Empty(errors);
        Assert.True(options.ManageIam);
        Assert.True(options.LeaderElect);
        Assert.Equal(TimeSpan.FromSeconds(15), options.IamPropagationDelay);
        Assert.Equal("automode-operator-tag-propagation", options.TagPolicyName);
        Assert.Equal("", options.ClusterName);
    }

    [Fact]
    public void FlagWinsOverEnvironment()
    {
        var options = Parse(["--cluster-name", "prod"], new() { ["AUTOMODE_CLUSTER_NAME"] = "staging", ["AUTOMODE_WORKERS"] = "8" }, out var errors);

        Assert.Empty(errors);
        Assert.Equal("prod", options.ClusterName);
        Assert.Equal(8, options.Workers);
    }

    [Fact]
    public void EqualsSyntaxBareBooleanAndDurations()
    {
        var options = Parse(["--manage-iam=false", "--keep-tag-policy", "--iam-resync", "1h30m"], null, out var errors);

        Assert.Empty(errors);
        Assert.False(options.ManageIam);
        Assert.True(options.KeepTagPolicy);
        Assert.Equal(TimeSpan.FromMinutes(90), options.IamResync);
    }

    [Theory]
    [InlineData("--workers", "zero", "--workers")]
    [InlineData("--iam-resync", "soon", "--iam-resync")]
    [InlineData("--manage-iam", "maybe", "--manage-iam")]
    public void BadValue_ErrorNamesFlagAndValue(string flag, string value, string expected)
    {
        Parse([flag, value], null, out var errors);

        var error = Assert.Single(errors);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains(value, error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadEnvironmentValue_ErrorNamesVariable()
    {
        Parse([], new() { ["AUTOMODE_WORKERS"] = "-1" }, out var errors);

        Assert.Contains("$AUTOMODE_WORKERS", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFlag_IsAnError()
    {
        Parse(["--frobnicate"], null, out var errors);

        Assert.Equal("unknown flag --frobnicate", Assert.Single(errors));
    }

    [Fact]
    public void Usage_DocumentsEveryFlagAndItsVariable()
    {
        var usage = RunOptions.Usage();

        foreach (var (flag, variable) in new[]
        {
            ("--kubeconfig", "KUBECONFIG"), ("--cluster-name", "AUTOMODE_CLUSTER_NAME"), ("--manage-iam", "AUTOMODE_MANAGE_IAM"),
            ("--leader-elect", "AUTOMODE_LEADER_ELECT"), ("--node-name", "NODE_NAME"), ("--pod-name", "POD_NAME"),
        })
        {
            Assert.Contains(flag, usage, StringComparison.Ordinal);
            Assert.Contains("$" + variable, usage, StringComparison.Ordinal);
        }

        Assert.Contains("AWS_ENDPOINT_URL_IAM", usage, StringComparison.Ordinal);
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", usage, StringComparison.Ordinal);
    }
}
