using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Validation.Warnings;
using AutoMode.Testing.Builders;

namespace AutoMode.Core.Tests.Validation.Warnings;

/// <summary>A replacement window inside off-hours can launch no replacement: a warning, not an error.</summary>
public sealed class ReplacementWarningsTests
{
    private static V1Alpha1WorkloadClass Class(string offHoursEnd) => WorkloadClasses.Minimal(change: s =>
    {
        s.OffHours = new OffHoursSpec { TimeZone = "Europe/Berlin", Windows = [new OffHoursWindowSpec { Start = "0 22 * * *", End = offHoursEnd }] };
        s.Lifecycle = new LifecycleSpec
        {
            ExpireAfter = "480h",
            Replacement = new ReplacementSpec
            {
                TimeZone = "Europe/Berlin",
                Windows = [new ReplacementWindowSpec { Schedule = "0 4 * * 1-4", Duration = "2h" }],
                RotateEvery = "168h",
            },
        };
    });

    [Fact]
    public void WindowInsideOffHours_Warns()
    {
        var warning = Assert.Single(ContradictionWarnings.For(Class("0 6 * * *")));

        Assert.Equal("spec.lifecycle.replacement.windows", warning.Path);
        Assert.Contains("04:00 (Europe/Berlin)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WindowOpeningAsOffHoursEnds_DoesNotWarn()
    {
        Assert.Empty(ContradictionWarnings.For(Class("0 4 * * *")));
    }
}
