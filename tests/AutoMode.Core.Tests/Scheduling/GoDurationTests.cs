using AutoMode.Core.Scheduling;

namespace AutoMode.Core.Tests.Scheduling;

public sealed class GoDurationTests
{
    public static TheoryData<string, string, TimeSpan> Valid => new()
    {
        { "zero without unit", "0", TimeSpan.Zero },
        { "hours", "1h", TimeSpan.FromHours(1) },
        { "compound", "1h30m", TimeSpan.FromMinutes(90) },
        { "fraction", "1.5h", TimeSpan.FromMinutes(90) },
        { "leading fraction", ".5s", TimeSpan.FromMilliseconds(500) },
        { "all units", "1h1m1s1ms1us1ns", new TimeSpan(0, 1, 1, 1, 1, 1) },
        { "micro sign", "2µs", TimeSpan.FromTicks(20) },
        { "explicit plus", "+30m", TimeSpan.FromMinutes(30) },
        { "negative", "-1h", TimeSpan.FromHours(-1) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_GoSyntax_Parses(string reason, string text, TimeSpan expected)
    {
        Assert.True(GoDuration.TryParse(text, out var value), reason);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("h")]
    [InlineData("1d")]
    [InlineData("1 h")]
    [InlineData("1h-5m")]
    [InlineData("1..5h")]
    [InlineData("-")]
    [InlineData("99999999999999h")]
    public void TryParse_NotGoSyntax_Fails(string? text) => Assert.False(GoDuration.TryParse(text, out _));
}
