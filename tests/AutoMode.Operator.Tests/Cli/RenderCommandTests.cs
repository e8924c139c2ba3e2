using AutoMode.Core.Serialization;
using AutoMode.Operator.Cli;
using Microsoft.Extensions.Time.Testing;

namespace AutoMode.Operator.Tests.Cli;

/// <summary>`render` at an instant: off-hours state and transitions, zero limits while down, zoned budgets in UTC.</summary>
public sealed class RenderCommandTests
{
    private const string Tokyo = """
        apiVersion: automode.io/v1alpha1
        kind: WorkloadClass
        metadata:
          name: batch
        spec:
          nodeRole: AmazonEKSAutoNodeRole
          subnets: [{tags: {Tier: private}}]
          securityGroups: [{id: sg-0123456789abcdef0}]
          limits: {cpu: "64", memory: 256Gi}
          offHours:
            timeZone: Asia/Tokyo
            windows:
              - {start: "0 20 * * 1-5", end: "0 7 * * 2-6"}
            drain: {enabled: true}
        """;

    private const string Berlin = """
        apiVersion: automode.io/v1alpha1
        kind: WorkloadClass
        metadata:
          name: games
        spec:
          nodeRole: AmazonEKSAutoNodeRole
          subnets: [{tags: {Tier: private}}]
          securityGroups: [{id: sg-0123456789abcdef0}]
          disruption:
            budgets:
              - {nodes: "0", schedule: "0 9 * * 1-5", duration: 9h, timeZone: Europe/Berlin}
              - {nodes: "1"}
        """;

    private static (int Code, string Out, string Err) Render(string yaml, params string[] extra) => RenderWith(yaml, TimeProvider.System, extra);

    private static (int Code, string Out, string Err) RenderWith(string yaml, TimeProvider time, params string[] extra)
    {
        var files = new InMemoryFileSystem();
        files.Files["c.yaml"] = yaml;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = RenderCommand.Run(["-f", "c.yaml", .. extra], new CliConsole(new StringReader(""), output, error), files, time);
        return (code, output.ToString().ReplaceLineEndings("\n"), error.ToString());
    }

    private static System.Text.Json.Nodes.JsonNode NodePool(string output) =>
        YamlJsonReader.ParseAll(output).Single(d => (string?)d?["kind"] == "NodePool")!;

    private static string[] Comments(string output) => [.. output.Split('\n').Where(l => l.StartsWith("# ", StringComparison.Ordinal))];

    public static TheoryData<string, string, string?, string> OffHoursCases => new()
    {
        {
            "2026-11-24T10:00:00+09:00",
            "# off-hours: inactive (OutsideWindow); next down 2026-11-24T20:00+09:00, then up 2026-11-25T07:00+09:00",
            "64",
            "Tuesday morning in Tokyo: up, the user's limits"
        },
        {
            "2026-11-24T12:30:00Z",
            "# off-hours: active since 2026-11-24T20:00+09:00 (Scheduled); NodePool limits held at cpu \"0\", memory \"0\"; next up 2026-11-25T07:00+09:00, then down 2026-11-25T20:00+09:00",
            "0",
            "21:30 in Tokyo given in UTC: down, times still shown in the class's zone"
        },
        {
            "2026-11-27T12:00:00+09:00",
            "# off-hours: inactive (OutsideWindow); next down 2026-11-27T20:00+09:00, then up 2026-11-28T07:00+09:00",
            "64",
            "Friday: the window ends Saturday 07:00 (end cron 2-6)"
        },
    };

    [Theory]
    [MemberData(nameof(OffHoursCases))]
    public void OffHoursClass_CommentBeforeNodePool_StateAndNextTwoTransitionsInZone(string at, string comment, string? cpu, string reason)
    {
        var (code, output, error) = Render(Tokyo, "--at", at);

        Assert.True(code == 0, error);
        Assert.Equal([comment], Comments(output));
        var documents = output.Split("---\n");
        Assert.StartsWith(comment + "\nkind: NodePool", documents[1].Replace("apiVersion: karpenter.sh/v1\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var limits = NodePool(output)["spec"]!["limits"]!;
        Assert.True(cpu == (string?)limits["cpu"], reason);
        Assert.Equal(cpu == "0" ? "0" : "256Gi", (string?)limits["memory"]);
    }

    [Fact]
    public void OverrideAnnotation_ShownAndApplied()
    {
        var annotated = Tokyo.Replace("  name: batch\n", "  name: batch\n  annotations: {automode.io/off-hours-override: \"up-until=2026-11-25T00:00:00+09:00\"}\n", StringComparison.Ordinal);

        var (code, output, error) = Render(annotated, "--at", "2026-11-24T21:00:00+09:00");

        Assert.True(code == 0, error);
        Assert.Equal(
            ["# off-hours: inactive (OverrideUp); override up-until=2026-11-24T15:00:00Z; next down 2026-11-25T00:00+09:00, then up 2026-11-25T07:00+09:00"],
            Comments(output));
        Assert.Equal("64", (string?)NodePool(output)["spec"]!["limits"]!["cpu"]);
    }

    public static TheoryData<string, string, string> BudgetCases => new()
    {
        { "2026-11-24T12:00:00Z", "0 8 * * 1-5", "valid until 2027-03-28T03:00+02:00" },
        { "2027-06-01T12:00:00Z", "0 7 * * 1-5", "valid until 2027-10-31T02:00+01:00" },
    };

    [Theory]
    [MemberData(nameof(BudgetCases))]
    public void ZonedBudget_RenderedToUtcForTheOffsetAtThatInstant_WithUntilWhen(string at, string utcSchedule, string until)
    {
        var (code, output, error) = Render(Berlin, "--at", at);

        Assert.True(code == 0, error);
        var budgets = NodePool(output)["spec"]!["disruption"]!["budgets"]!.AsArray();
        Assert.Equal(utcSchedule, (string?)budgets[0]!["schedule"]);
        Assert.Equal("9h", (string?)budgets[0]!["duration"]);
        Assert.Null(budgets[0]!["timeZone"]);
        Assert.Equal("1", (string?)budgets[1]!["nodes"]);
        var comment = Assert.Single(Comments(output));
        Assert.Contains($"\"0 9 * * 1-5\" in Europe/Berlin", comment, StringComparison.Ordinal);
        Assert.Contains($"rendered to UTC as \"{utcSchedule}\"", comment, StringComparison.Ordinal);
        Assert.Contains(until, comment, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassWithoutOffHoursOrZonedBudget_NoComment()
    {
        var plain = Tokyo[..Tokyo.IndexOf("  offHours:", StringComparison.Ordinal)];

        var (code, output, _) = Render(plain, "--at", "2026-11-24T21:00:00+09:00");

        Assert.Equal(0, code);
        Assert.Empty(Comments(output));
    }

    [Fact]
    public void WithoutAt_RendersAtTheClock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T12:30:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var now = RenderWith(Tokyo, clock);
        var pinned = Render(Tokyo, "--at", "2026-11-24T21:30:00+09:00");

        Assert.Equal(0, now.Code);
        Assert.Equal(pinned.Out, now.Out);
        Assert.Equal("0", (string?)NodePool(now.Out)["spec"]!["limits"]!["cpu"]);
    }

    [Fact]
    public void BudgetWithNoUtcEquivalentAtThatInstant_ErrorNamesThePath_NothingRendered()
    {
        var monthly = Berlin.Replace("schedule: \"0 9 * * 1-5\"", "schedule: \"30 0 1 * *\"", StringComparison.Ordinal);

        var (code, output, error) = Render(monthly, "--at", "2026-11-24T12:00:00Z");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith("c.yaml: games: spec.disruption.budgets[0]: ", error, StringComparison.Ordinal);
    }
}
