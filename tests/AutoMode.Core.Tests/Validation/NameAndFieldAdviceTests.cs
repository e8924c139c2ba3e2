using AutoMode.Core.Validation;

namespace AutoMode.Core.Tests.Validation;

/// <summary>Messages that say what is wrong with a name and what was probably meant (issue 17, point 5).</summary>
public sealed class NameAndFieldAdviceTests
{
    public static TheoryData<string, string, string> BadNames => new()
    {
        { "Team_L", "uppercase letters are not allowed; '_' is not allowed (only a-z, 0-9 and '-')", "team-l" },
        { "batch.jobs", "'.' is not allowed (only a-z, 0-9 and '-')", "batch-jobs" },
        { "-web-", "it must start and end with a letter or digit", "web" },
        { new string('a', 70), "it has 70 characters (at most 63)", new string('a', 63) },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public void Validate_NameThatIsNoDnsLabel_SaysWhatIsWrongAndSuggestsOne(string name, string problems, string suggestion)
    {
        var patch = new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name } }.ToJsonString();

        var error = Assert.Single(WorkloadClassValidator.Validate(Samples.FromJson(WorkloadClassValidatorTests.Patched(patch))));

        Assert.Equal("metadata.name", error.Path);
        Assert.EndsWith($": {problems}; use e.g. \"{suggestion}\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("choose a shorter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_NothingUsableLeft_NoSuggestion() => Assert.Null(DnsLabelAdvice.Suggest("___"));

    public static TheoryData<string, string?> Suggestions => new()
    {
        { "instance", "instances" },
        { "subnet", "subnets" },
        { "nodRole", "nodeRole" },
        { "wieght", "weight" },
        { "NODEROLE", "nodeRole" },
        { "colour", null },
        { "x", null },
    };

    [Theory]
    [MemberData(nameof(Suggestions))]
    public void FieldSuggestions_ClosestKnownName_OnlyWhenItLooksLikeATypo(string unknown, string? expected)
    {
        string[] known = ["nodeRole", "subnets", "securityGroups", "instances", "weight", "limits", "taints", "tags"];

        Assert.Equal(expected, FieldSuggestions.Closest(unknown, known));
    }
}
