using AutoMode.Core.Scheduling;
using static AutoMode.Core.Tests.Scheduling.ScheduleTestData;

namespace AutoMode.Core.Tests.Scheduling;

public sealed class OffHoursOverrideTests
{
    // reason, annotation, mode, until, describe
    public static TheoryData<string, string, OffHoursOverrideMode, string, string> Valid => new()
    {
        { "up-until in UTC", "up-until=2026-11-24T08:00:00Z", OffHoursOverrideMode.Up, "2026-11-24T08:00:00Z", "up-until=2026-11-24T08:00:00Z" },
        { "down-until with an offset is normalised to UTC", "down-until=2026-11-24T08:00:00+09:00", OffHoursOverrideMode.Down, "2026-11-23T23:00:00Z", "down-until=2026-11-23T23:00:00Z" },
        { "fractional seconds are kept", "up-until=2026-11-24T08:00:00.5Z", OffHoursOverrideMode.Up, "2026-11-24T08:00:00.5Z", "up-until=2026-11-24T08:00:00.5Z" },
        { "lower-case t and z are RFC 3339", "up-until=2026-11-24t08:00:00z", OffHoursOverrideMode.Up, "2026-11-24T08:00:00Z", "up-until=2026-11-24T08:00:00Z" },
        { "surrounding blanks are ignored", "  down-until=2026-11-24T08:00:00-05:00 ", OffHoursOverrideMode.Down, "2026-11-24T13:00:00Z", "down-until=2026-11-24T13:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_ValidAnnotation_ParsesAndDescribesInUtc(string reason, string annotation, OffHoursOverrideMode mode, string until, string describe)
    {
        var ok = OffHoursOverride.TryParse(annotation, out var value, out var error);

        Assert.True(ok && error is null, $"{reason}: {error}");
        Assert.Equal((mode, At(until), describe), (value!.Mode, value.Until, value.Describe()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_NoAnnotation_IsNoOverrideAndNoError(string? annotation)
    {
        Assert.True(OffHoursOverride.TryParse(annotation, out var value, out var error));
        Assert.Equal((null, null), (value, error));
    }

    [Theory]
    [InlineData("up-until=2026-11-24T08:00:00")]
    [InlineData("up-until=2026-11-24")]
    [InlineData("up-until=tomorrow")]
    [InlineData("up-until=")]
    [InlineData("down=2026-11-24T08:00:00Z")]
    [InlineData("Up-Until=2026-11-24T08:00:00Z")]
    [InlineData("up-until=2026-11-24T08:00:00Z; down-until=2026-11-25T08:00:00Z")]
    [InlineData("up-until=2026-13-24T08:00:00Z")]
    public void TryParse_Malformed_FailsWithAnError(string annotation)
    {
        Assert.False(OffHoursOverride.TryParse(annotation, out var value, out var error));
        Assert.Null(value);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void IsInForceAt_ExpiresExactlyAtUntil()
    {
        var forced = new OffHoursOverride(OffHoursOverrideMode.Up, At("2026-11-24T08:00:00Z"));

        Assert.Equal((true, false), (forced.IsInForceAt(At("2026-11-24T07:59:59Z")), forced.IsInForceAt(At("2026-11-24T08:00:00Z"))));
    }
}
