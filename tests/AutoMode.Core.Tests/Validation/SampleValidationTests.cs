using AutoMode.Core.Validation;

namespace AutoMode.Core.Tests.Validation;

public sealed class SampleValidationTests
{
    [Fact]
    public void Samples_ThereAreAtLeastFourValidAndEightInvalid()
    {
        Assert.True(Samples.ValidFiles.Count() >= 4);
        Assert.True(Samples.InvalidFiles.Count() >= 8);
    }

    [Theory]
    [MemberData(nameof(Samples.ValidNames), MemberType = typeof(Samples))]
    public void ValidSample_PassesValidation(string file)
    {
        var errors = WorkloadClassValidator.Validate(Samples.Load(Path.Combine(Samples.ValidDirectory, file)));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Samples.InvalidNames), MemberType = typeof(Samples))]
    public void InvalidSample_FailsAtTheExpectedPathOnly(string file)
    {
        var path = Path.Combine(Samples.InvalidDirectory, file);
        var expected = Samples.ExpectedPath(path);

        var errors = WorkloadClassValidator.Validate(Samples.Load(path));

        Assert.Contains(errors, e => e.Path == expected);
        Assert.All(errors, e => Assert.Equal(expected, e.Path));
    }
}
