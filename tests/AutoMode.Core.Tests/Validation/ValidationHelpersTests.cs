using AutoMode.Core.Validation;

namespace AutoMode.Core.Tests.Validation;

public sealed class ValidationHelpersTests
{
    public static TheoryData<string?, long?, string> Durations => new()
    {
        { "336h", 336 * 3600, "hours" },
        { "1h30m", 5400, "hours and minutes" },
        { "0s", 0, "zero" },
        { "90s", 90, "seconds" },
        { "1h1h", 7200, "repeated units add up, as in Go" },
        { "2562047h", 2562047L * 3600, "the largest whole-hour Go duration" },
        { "2562048h", null, "beyond Go's int64 nanoseconds" },
        { "99999999999999999999h", null, "overflow" },
        { "1d", null, "days are not a Go unit" },
        { "1.5h", null, "no fractions" },
        { "h", null, "unit without number" },
        { "10", null, "number without unit" },
        { "-1h", null, "no sign" },
        { "1ms", null, "no milliseconds" },
        { "Never", null, "Never is not a duration" },
        { "", null, "empty" },
        { null, null, "null" },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void KubeDuration_TryParse_MatchesGoSemantics(string? text, long? seconds, string reason)
    {
        var ok = KubeDuration.TryParse(text, out var duration);

        Assert.True(ok == seconds.HasValue, reason);
        Assert.Equal(TimeSpan.FromSeconds(seconds ?? 0), duration);
    }

    [Fact]
    public void KubeDuration_IsDurationOrNever_AcceptsNever() => Assert.True(KubeDuration.IsDurationOrNever("Never"));

    public static TheoryData<string, string, bool> Roles => new()
    {
        { "AmazonEKSAutoNodeRole", "AmazonEKSAutoNodeRole", true },
        { "arn:aws:iam::111122223333:role/AmazonEKSAutoNodeRole", "AmazonEKSAutoNodeRole", true },
        { "arn:aws-us-gov:iam::111122223333:role/path/to/Node_Role+=,.@-", "Node_Role+=,.@-", true },
        { "arn:aws:iam::111122223333:role/" + new string('r', 65), new string('r', 65), false },
        { "arn:aws:iam::111122223333:instance-profile/x", "x", false },
        { "arn:aws:iam::111122223333:role/", "", false },
        { "role/with/slash", "role/with/slash", false },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public void NodeRoleName_ReduceAndIsValid(string input, string reduced, bool valid)
    {
        Assert.Equal(reduced, NodeRoleName.Reduce(input));
        Assert.Equal(valid, NodeRoleName.IsValid(input));
    }

    [Theory]
    [InlineData("kubernetes.io/cluster/prod", true)]
    [InlineData("kubernetes.io/clusterx", true)]
    [InlineData("AWS:x", true)]
    [InlineData("aws-team", false)]
    [InlineData("awſ:x", false)]
    [InlineData("eks.amazonaws.com/nodeclass", true)]
    [InlineData("CostCenter", false)]
    public void RestrictedTags_IsRestricted(string key, bool restricted) => Assert.Equal(restricted, RestrictedTags.IsRestricted(key));

    [Theory]
    [InlineData("eks.amazonaws.com/instance-gpu-count", true)]
    [InlineData("eks.amazonaws.com/instance-gpu-colour", false)]
    [InlineData("kubernetes.io/arch", true)]
    [InlineData("topology.kubernetes.io/zone", true)]
    [InlineData("node.kubernetes.io/windows-build", false)]
    [InlineData("karpenter.k8s.aws/instance-family", false)]
    [InlineData("karpenter.sh/capacity-type", true)]
    [InlineData("example.com/team", true)]
    public void AutoModeLabels_RequirementKeyAllowed(string key, bool allowed) =>
        Assert.Equal(allowed, AutoModeLabels.RequirementKeyProblems(key).Count == 0);

    [Theory]
    [InlineData("100", true)]
    [InlineData("500m", true)]
    [InlineData("64Gi", true)]
    [InlineData("1e3", true)]
    [InlineData(".5", true)]
    [InlineData("-1", false)]
    [InlineData("1GB", false)]
    [InlineData("", false)]
    [InlineData("1\n", false)]
    public void KubeQuantity_IsValid(string text, bool valid) => Assert.Equal(valid, KubeQuantity.IsValid(text));

    [Fact]
    public void AutoModeLabels_Domain_IsTextBeforeFirstSlash()
    {
        Assert.Equal("eks.amazonaws.com", AutoModeLabels.Domain("eks.amazonaws.com/instance-family"));
        Assert.Equal("team", AutoModeLabels.Domain("team"));
    }
}
