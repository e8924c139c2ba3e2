using AutoMode.Operator.Hosting;
using AutoMode.Operator.Tests.Hardening;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AutoMode.Operator.Tests.Hosting;

/// <summary>What `run` says about itself at start-up, and how its log lines are stamped (issue 17 point 6, issue 13 point 8).</summary>
public sealed class StartupLogTests
{
    private static RunOptions Options(params string[] args)
    {
        var options = RunOptions.Parse(args, _ => null, out var errors);
        Assert.Empty(errors);
        return options;
    }

    [Fact]
    public void Start_NamesVersionServerIdentityLeaseClusterAndIamMode()
    {
        using var logs = new CapturingLoggerProvider();
        var options = Options("--pod-name", "automode-operator-7d9f-x2k", "--node-name", "i-0abc", "--leader-election-namespace", "platform",
            "--cluster-name", "prod", "--region", "eu-west-1", "--manage-iam=false");

        StartupLog.Write(logs.CreateLogger("AutoMode.Operator"), options, new Uri("https://user:secret@api.prod.example:443/"), "0.3.0", "abc1234");

        var lines = logs.Lines.Select(l => l.Split(" | ")[0]).ToList();
        Assert.Equal(
            [
                "Information AutoMode.Operator: automode-operator 0.3.0 (commit abc1234) starting (log level Information)",
                "Information AutoMode.Operator: API server https://api.prod.example/",
                "Information AutoMode.Operator: Identity automode-operator-7d9f-x2k on node i-0abc",
                "Information AutoMode.Operator: Leader election on Lease platform/automode-operator-leader",
                "Information AutoMode.Operator: AWS cluster prod in region eu-west-1; IAM mode verify-only for inline policy automode-operator-tag-propagation on role <the cluster's roleArn>; access entries check-only",
            ],
            lines);
        Assert.DoesNotContain("secret", logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithoutClusterName_SaysAwsIsOff_AndWithoutLeaderElection_SaysSo()
    {
        using var logs = new CapturingLoggerProvider();

        StartupLog.Write(logs.CreateLogger("AutoMode.Operator"), Options("--leader-elect=false"), new Uri("https://10.0.0.1/"), "dev", "unknown");

        Assert.Contains(logs.Lines, l => l.Contains("Leader election off", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("AWS off (no --cluster-name)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void BothLogFormats_StampEveryLineWithAUtcTimestamp(string format)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => LoggingSetup.Configure(logging, Options("--log-format", format)));
        using var provider = services.BuildServiceProvider();

        ConsoleFormatterOptions formatter = format == "text"
            ? provider.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue
            : provider.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        Assert.StartsWith("yyyy-MM-ddTHH:mm:ss.fffZ", formatter.TimestampFormat, StringComparison.Ordinal);
        Assert.True(formatter.UseUtcTimestamp);
    }

    [Theory]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("warn", LogLevel.Warning)]
    public void LogLevelFlag_SetsTheMinimumLevel(string value, LogLevel expected)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => LoggingSetup.Configure(logging, Options("--log-level", value)));
        using var provider = services.BuildServiceProvider();

        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("x");

        Assert.True(logger.IsEnabled(expected));
        Assert.False(logger.IsEnabled(expected - 1));
    }
}
