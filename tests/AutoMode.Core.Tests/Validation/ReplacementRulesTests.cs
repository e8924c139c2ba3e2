using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Validation;
using AutoMode.Testing.Builders;

namespace AutoMode.Core.Tests.Validation;

/// <summary>spec.lifecycle.replacement: refusals of configurations that still allow a forced expiry outside a window.</summary>
public sealed class ReplacementRulesTests
{
    private const string P = "spec.lifecycle.replacement";

    private static IReadOnlyList<ValidationError> Validate(string expireAfter, string grace, string rotateEvery, string schedule = "0 4 * * 1-4", string duration = "2h", string? maxReplacing = null, string zone = "Europe/Berlin") =>
        WorkloadClassValidator.Validate(WorkloadClasses.Minimal(change: s => s.Lifecycle = new LifecycleSpec
        {
            ExpireAfter = expireAfter,
            TerminationGracePeriod = grace,
            Replacement = new ReplacementSpec
            {
                TimeZone = zone,
                Windows = [new ReplacementWindowSpec { Schedule = schedule, Duration = duration }],
                RotateEvery = rotateEvery,
                MaxReplacing = maxReplacing,
            },
        }));

    [Fact]
    public void WeeklyRotation_MonToThuWindows_FitsA20DayLifetime()
    {
        // 168h + 97h (Thu 04:00 to Mon 04:00 across the fall-back hour) + 24h = 289h <= 480h.
        Assert.Empty(Validate("480h", "24h", "168h"));
    }

    [Fact]
    public void WeeklyRotation_MonToThuWindows_TenDayLifetime_IsRefusedWithWhatToChange()
    {
        // 168h + 97h + 24h = 289h > 240h: CEL alone (168h + 24h < 240h) would let it through; the spacing refuses it.
        var error = Assert.Single(Validate("240h", "24h", "168h"));

        Assert.Equal($"{P}.rotateEvery", error.Path);
        Assert.Contains("is 289h", error.Message, StringComparison.Ordinal);
        Assert.Contains("shorten rotateEvery to at most 119h", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DailyWindow_AllowsAWeeklyRotationInTenDays()
    {
        // A daily window waits at most 25h (the fall-back day): 168h + 25h + 24h = 217h <= 240h.
        Assert.Empty(Validate("240h", "24h", "168h", schedule: "0 4 * * *"));
    }

    [Fact]
    public void WindowOnceAYear_IsRefused()
    {
        var error = Assert.Single(Validate("480h", "24h", "168h", schedule: "0 4 1 1 *"));

        Assert.Equal($"{P}.rotateEvery", error.Path);
    }

    [Fact]
    public void WindowThatNeverOpens_IsRefused()
    {
        var error = Assert.Single(Validate("480h", "24h", "168h", schedule: "0 4 30 2 *"));

        Assert.Equal($"{P}.windows", error.Path);
    }

    [Theory]
    [InlineData("0", "maxReplacing")]
    [InlineData("0%", "maxReplacing")]
    [InlineData("101%", "maxReplacing")]
    public void MaxReplacing_MustAllowProgress(string maxReplacing, string field)
    {
        Assert.Equal([$"{P}.{field}"], Validate("480h", "24h", "168h", maxReplacing: maxReplacing).Select(e => e.Path));
    }

    [Theory]
    [InlineData("0h", "windows[0].duration")]
    [InlineData("169h", "windows[0].duration")]
    [InlineData("2h30s", "windows[0].duration")]
    public void WindowDuration_IsHoursAndMinutesUpToAWeek(string duration, string field)
    {
        Assert.Equal([$"{P}.{field}"], Validate("480h", "24h", "168h", duration: duration).Select(e => e.Path));
    }

    [Fact]
    public void BadZoneAndCron_AreReportedAtTheirFields()
    {
        Assert.Equal([$"{P}.timeZone"], Validate("480h", "24h", "168h", zone: "CEST").Select(e => e.Path));
        Assert.Equal([$"{P}.windows[0].schedule"], Validate("480h", "24h", "168h", schedule: "0 25 * * *").Select(e => e.Path));
    }

    [Fact]
    public void MissingWindowsOrRotation_IsRefused()
    {
        var errors = WorkloadClassValidator.Validate(WorkloadClasses.Minimal(change: s => s.Lifecycle = new LifecycleSpec { Replacement = new ReplacementSpec() }));

        Assert.Equal([$"{P}.windows", $"{P}.rotateEvery"], errors.Select(e => e.Path));
    }
}
