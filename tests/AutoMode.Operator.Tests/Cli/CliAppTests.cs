using AutoMode.Core.Serialization;
using AutoMode.Operator.Cli;
using AutoMode.Testing.Schemas;

namespace AutoMode.Operator.Tests.Cli;

public sealed class CliAppTests
{
    private const string Web = """
        apiVersion: automode.io/v1alpha1
        kind: WorkloadClass
        metadata:
          name: web
        spec:
          nodeRole: AmazonEKSAutoNodeRole
          subnets: [{tags: {Tier: private}}]
          securityGroups: [{id: sg-0123456789abcdef0}]
        """;

    private static (int Code, string Out, string Err) Run(ICliFileSystem fileSystem, params string[] args) => RunWithInput(fileSystem, "", args);

    private static (int Code, string Out, string Err) RunWithInput(ICliFileSystem fileSystem, string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, new CliConsole(new StringReader(stdin), output, error), fileSystem);
        return (code, output.ToString(), error.ToString());
    }

    private static (int Code, string Out, string Err) RunOnDisk(params string[] args) => Run(new PhysicalCliFileSystem(), args);

    [Fact]
    public void RenderSampleDirectory_EveryClassRendered_InvalidSubdirectorySkipped()
    {
        var samples = RepositoryPaths.Combine("config", "samples");

        var (code, output, error) = RunOnDisk("render", "-f", samples);

        Assert.True(code == 0, error);
        var documents = YamlJson.ParseAll(output);
        var names = Directory.EnumerateFiles(samples, "*.yaml").Count();
        Assert.Equal(names, documents.Count(d => (string?)d?["kind"] == "NodeClass"));
        Assert.Equal(names, documents.Count(d => (string?)d?["kind"] == "NodePool"));
        Assert.DoesNotContain(documents, d => (string?)d?["metadata"]?["name"] == "expire-never");
    }

    [Fact]
    public void Render_ClassWithTags_IamPolicyAsLabelledDocumentLast()
    {
        var files = new InMemoryFileSystem();
        files.Files["c/web.yaml"] = Web + "\n  tags: {team: web}\n";

        var (code, output, _) = Run(files, "render", "-f", "c/web.yaml", "--partition", "aws-cn");

        Assert.Equal(0, code);
        var last = output.Split("---\n")[^1];
        Assert.StartsWith("# IAM inline policy \"automode-operator-tag-propagation\" for the cluster IAM role", last, StringComparison.Ordinal);
        Assert.Contains("NOT a Kubernetes object", last, StringComparison.Ordinal);
        Assert.Contains("arn:aws-cn:ec2:*:*:volume/*", last, StringComparison.Ordinal);
        var json = string.Join('\n', last.Split('\n').Where(l => !l.StartsWith('#')));
        Assert.True(Core.Iam.PolicyDocument.AreEquivalent(json, Core.Iam.TagPropagationPolicy.Create("aws-cn").ToCanonicalJson()));
        Assert.Equal(3, YamlJson.ParseAll(output).Count);
    }

    [Fact]
    public void Render_NoTags_NoPolicyDocument()
    {
        var files = new InMemoryFileSystem();
        files.Files["web.yaml"] = Web;

        var (code, output, _) = Run(files, "render", "-f", "web.yaml");

        Assert.Equal(0, code);
        Assert.DoesNotContain("IAM", output, StringComparison.Ordinal);
        Assert.Equal(2, YamlJson.ParseAll(output).Count);
    }

    [Fact]
    public void Render_Stdin()
    {
        var (code, output, _) = RunWithInput(new InMemoryFileSystem(), Web, "render", "-f", "-");

        Assert.Equal(0, code);
        Assert.Contains("kind: NodePool", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SameInputTwice_ByteIdentical()
    {
        var samples = RepositoryPaths.Combine("config", "samples");

        // The output depends on the instant (off-hours, zoned budgets); --at pins it.
        Assert.Equal(RunOnDisk("render", "-f", samples, "--at", "2026-11-24T20:00:00Z").Out, RunOnDisk("render", "-f", samples, "--at", "2026-11-24T20:00:00Z").Out);
    }

    [Fact]
    public void Render_InvalidInput_ErrorsOnStderr_NothingOnStdout_Exit1()
    {
        var invalid = RepositoryPaths.Combine("config", "samples", "invalid", "expire-after-never.yaml");

        var (code, output, error) = RunOnDisk("render", "-f", invalid);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains($"{invalid}: expire-never: spec.lifecycle.expireAfter:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateInvalidDirectory_EveryFileNamedWithItsExpectedPath_Exit1()
    {
        var directory = RepositoryPaths.Combine("config", "samples", "invalid");

        var (code, output, _) = RunOnDisk("validate", "-f", directory);

        Assert.Equal(1, code);
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml"))
        {
            var expectedPath = File.ReadLines(file).First()["# expect:".Length..].Trim();
            Assert.True(
                output.Split('\n').Any(l => l.StartsWith(file + ": ", StringComparison.Ordinal) && l.Contains($": {expectedPath}", StringComparison.Ordinal)),
                $"{file}: no error at {expectedPath} in\n{output}");
        }
    }

    [Fact]
    public void ValidateSamples_Exit0()
    {
        var (code, output, error) = RunOnDisk("validate", "-f", RepositoryPaths.Combine("config", "samples"));

        Assert.True(code == 0, output + error);
        Assert.Equal("", output);
        Assert.Contains("valid", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ErrorLineFormat_SourceNamePathMessage()
    {
        var files = new InMemoryFileSystem();
        files.Files["bad.yaml"] = Web.Replace("name: web", "name: bad", StringComparison.Ordinal) + "\n  weight: 500\n";

        var (code, output, _) = Run(files, "validate", "-f", "bad.yaml");

        Assert.Equal(1, code);
        Assert.StartsWith("bad.yaml: bad: spec.weight: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateNames_Reported()
    {
        var files = new InMemoryFileSystem();
        files.Files["d/a.yaml"] = Web;
        files.Files["d/b.yaml"] = Web;

        var (code, output, _) = Run(files, "validate", "-f", "d");

        Assert.Equal(1, code);
        Assert.Contains("d/b.yaml: web: metadata.name: \"web\" is already defined in d/a.yaml", output, StringComparison.Ordinal);
    }

    [Fact]
    public void NonWorkloadClassDocument_ClearError()
    {
        var files = new InMemoryFileSystem();
        files.Files["mixed.yaml"] = Web + "\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n";

        var (code, output, _) = Run(files, "validate", "-f", "mixed.yaml");

        Assert.Equal(1, code);
        Assert.Equal("mixed.yaml: document 2: is Deployment (apps/v1), not a WorkloadClass (automode.io/v1alpha1)\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void NotYaml_ClearError()
    {
        var files = new InMemoryFileSystem();
        files.Files["broken.yaml"] = "spec: [unclosed";

        var (code, output, _) = Run(files, "validate", "-f", "broken.yaml");

        Assert.Equal(1, code);
        Assert.StartsWith("broken.yaml: document 1: not valid YAML: line ", output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> UnreadableCases => new()
    {
        { "missing file", "nope.yaml", "nope.yaml: no such file or directory" },
        { "permission denied", "secret.yaml", "secret.yaml: cannot read the file: permission denied" },
        { "directory without yaml", "empty", "empty: no *.yaml or *.yml files in this directory" },
    };

    [Theory]
    [MemberData(nameof(UnreadableCases))]
    public void UnreadableInput_OneClearLine_NoStackTrace(string reason, string path, string expected)
    {
        var files = new InMemoryFileSystem();
        files.Unreadable.Add("secret.yaml");
        files.Files["empty/readme.txt"] = "";

        foreach (var command in new[] { "render", "validate" })
        {
            var (code, output, error) = Run(files, command, "-f", path);

            Assert.True(code == 1, reason);
            var all = output + error;
            Assert.Contains(expected, all, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Directory_YmlIncludedSortedAndNotRecursive()
    {
        var files = new InMemoryFileSystem();
        files.Files["d/b.yml"] = Web.Replace("name: web", "name: b", StringComparison.Ordinal);
        files.Files["d/a.yaml"] = Web.Replace("name: web", "name: a", StringComparison.Ordinal);
        files.Files["d/notes.txt"] = "not yaml";
        files.Files["d/sub/c.yaml"] = "garbage: [";

        var (code, output, _) = Run(files, "render", "-f", "d");

        Assert.Equal(0, code);
        Assert.Equal(["a", "a", "b", "b"], YamlJson.ParseAll(output).Select(d => (string)d!["metadata"]!["name"]!));
    }

    public static TheoryData<string> Commands => new() { "render", "validate", "run" };

    [Theory]
    [MemberData(nameof(Commands))]
    public void CommandHelp_PrintsUsage_Exit0(string command)
    {
        foreach (var flag in new[] { "--help", "-h" })
        {
            var (code, output, _) = Run(new InMemoryFileSystem(), command, flag);

            Assert.Equal(0, code);
            Assert.Contains($"automode-operator {command}", output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void RootHelp_ListsCommands_Exit0(string flag)
    {
        var (code, output, _) = Run(new InMemoryFileSystem(), flag);

        Assert.Equal(0, code);
        Assert.Contains("render", output, StringComparison.Ordinal);
        Assert.Contains("validate", output, StringComparison.Ordinal);
        Assert.Contains("run", output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[]> UsageErrors => new()
    {
        { "no command", [] },
        { "unknown command", ["deploy"] },
        { "render without -f", ["render"] },
        { "-f without value", ["validate", "-f"] },
        { "unknown option", ["render", "-f", "x", "--colour"] },
        { "unknown partition", ["render", "-f", "x", "--partition", "mars"] },
        { "validate has no --partition", ["validate", "-f", "x", "--partition", "aws"] },
        { "--at without value", ["render", "-f", "x", "--at"] },
        { "--at without offset (a local time would be a guess)", ["render", "-f", "x", "--at", "2026-11-24T20:00:00"] },
        { "--at not a time", ["render", "-f", "x", "--at=tonight"] },
        { "validate has no --at", ["validate", "-f", "x", "--at", "2026-11-24T20:00:00Z"] },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void UsageError_UsageOnStderr_Exit2(string reason, string[] args)
    {
        var (code, output, error) = Run(new InMemoryFileSystem(), args);

        Assert.True(code == 2, reason);
        Assert.Equal("", output);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BadFlag_NamesItAndExits2()
    {
        var (code, _, error) = Run(new InMemoryFileSystem(), "run", "--workers", "none");

        Assert.Equal(2, code);
        Assert.Contains("--workers", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RunHelp_DocumentsFlagsAndEnvironment()
    {
        var (code, output, _) = Run(new InMemoryFileSystem(), "run", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--cluster-name", output, StringComparison.Ordinal);
        Assert.Contains("AWS_ENDPOINT_URL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderOutput_ReadableByOurOwnParserAsKubernetesObjects()
    {
        var (_, output, _) = RunOnDisk("render", "-f", RepositoryPaths.Combine("config", "samples"));

        var documents = WorkloadClassDocuments.Parse(output, "render");

        Assert.All(documents, d => Assert.Contains("not a WorkloadClass", Assert.Single(d.Errors), StringComparison.Ordinal));
    }
}
