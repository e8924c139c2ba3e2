using AutoMode.Operator.Cli;

namespace AutoMode.Operator.Tests.Cli;

/// <summary>`run`'s flags are parsed once, by the CLI; the operator host receives the result.</summary>
public sealed class RunRequestTests
{
    [Fact]
    public void WellFormedFlags_CarryTheOptions_FlagOverEnvironment()
    {
        var request = RunCommand.Parse(["--workers", "8", "--cluster-name", "prod"], name => name == "AUTOMODE_CLUSTER_NAME" ? "staging" : null);

        Assert.False(request.Help);
        Assert.Empty(request.Errors);
        Assert.Equal(8, request.Options!.Workers);
        Assert.Equal("prod", request.Options.ClusterName);
    }

    [Fact]
    public void BadFlag_NoOptions_ErrorNamesTheFlag()
    {
        var request = RunCommand.Parse(["--workers", "none"], _ => null);

        Assert.Null(request.Options);
        Assert.Contains(request.Errors, e => e.StartsWith("--workers: 'none'", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_WinsOverBadFlags_AndStartsNothing()
    {
        var request = RunCommand.Parse(["--workers", "none", "-h"], _ => null);

        Assert.True(request.Help);
        Assert.Null(request.Options);
    }
}
