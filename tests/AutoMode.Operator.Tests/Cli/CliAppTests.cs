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
        var documents = YamlJsonReader.ParseAll(output);
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
        Assert.Equal(3, YamlJsonReader.ParseAll(output).Count);
    }

    [Fact]
    public void Render_NoTags_NoPolicyDocument()
    {
        var files = new InMemoryFileSystem();
        files.Files["web.yaml"] = Web;

        var (code, output, _) = Run(files, "render", "-f", "web.yaml");

        Assert.Equal(0, code);
        Assert.DoesNotContain("IAM", output, StringComparison.Ordinal);
        Assert.Equal(2, YamlJsonReader.ParseAll(output).Count);
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

        var (code, output, error) = Run(files, "render", "-f", "d");

        Assert.Equal(0, code);
        Assert.Equal(["a", "a", "b", "b"], YamlJsonReader.ParseAll(output).Select(d => (string)d!["metadata"]!["name"]!));
        Assert.Equal("d/sub: directory skipped (use -R to read subdirectories)\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Recursive_ReadsNestedDirectories_DepthFirstSorted()
    {
        var files = new InMemoryFileSystem();
        files.Files["d/b.yaml"] = Web.Replace("name: web", "name: b", StringComparison.Ordinal);
        files.Files["d/a/x/c.yaml"] = Web.Replace("name: web", "name: c", StringComparison.Ordinal);
        files.Files["d/a/a.yaml"] = Web.Replace("name: web", "name: a", StringComparison.Ordinal);

        foreach (var flag in new[] { "-R", "--recursive" })
        {
            var (code, output, error) = Run(files, "render", flag, "-f", "d");

            Assert.True(code == 0, error);
            Assert.Equal("", error);
            Assert.Equal(["b", "a", "c"], YamlJsonReader.ParseAll(output).Where(d => (string?)d!["kind"] == "NodePool").Select(d => (string)d!["metadata"]!["name"]!));
        }
    }

    [Fact]
    public void ValidateSamplesRecursive_TheInvalidSubdirectoryFails()
    {
        var samples = RepositoryPaths.Combine("config", "samples");

        var (code, output, _) = RunOnDisk("validate", "-R", "-f", samples);

        Assert.Equal(1, code);
        Assert.Equal(
            Directory.EnumerateFiles(Path.Combine(samples, "invalid"), "*.yaml").Order(StringComparer.Ordinal),
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.IndexOf(": ", StringComparison.Ordinal)]).Distinct());
    }

    [Theory]
    [InlineData("empty file", "")]
    [InlineData("only comments and separators", "# nothing here\n---\n---\n")]
    public void Validate_FileWithNoWorkloadClass_IsAnError(string reason, string text)
    {
        var files = new InMemoryFileSystem();
        files.Files["empty.yaml"] = text;

        var (code, output, error) = Run(files, "validate", "-f", "empty.yaml");

        Assert.True(code == 1, reason);
        Assert.Equal("empty.yaml: no WorkloadClass found (the input is empty or only comments)\n", output.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("valid", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyStdin_IsAnError()
    {
        var (code, output, _) = RunWithInput(new InMemoryFileSystem(), "", "validate", "-f", "-");

        Assert.Equal(1, code);
        Assert.StartsWith("<stdin>: no WorkloadClass found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryErrorOfEveryDocument_InOneRun()
    {
        // Document 1: two type errors, an unknown field and a rule error; document 2: not YAML; document 3: a wrong
        // apiVersion and a rule error. Before, the first type error hid the rest and document 2 hid document 3.
        var files = new InMemoryFileSystem();
        files.Files["many.yaml"] = Web.Replace("name: web", "name: Team_L", StringComparison.Ordinal)
            + "\n  weight: high\n  dedicated: maybe\n  instance: {}\n  limits: [1]\n"
            + "---\napiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nmetadata: {name: broken\nspec: [unclosed\n"
            + "---\n" + Web.Replace("name: web", "name: third", StringComparison.Ordinal).Replace("automode.io/v1alpha1", "automode.io/v1", StringComparison.Ordinal) + "\n  weight: 500\n";

        var (code, output, error) = Run(files, "validate", "-f", "many.yaml");

        Assert.Equal(1, code);
        Assert.Equal(
            [
                "many.yaml: Team_L: spec.weight: expected an integer, got the string \"high\"",
                "many.yaml: Team_L: spec.dedicated: expected a boolean (true or false), got the string \"maybe\"",
                "many.yaml: Team_L: spec.instance: unknown field \"instance\"; did you mean instances?",
                "many.yaml: Team_L: spec.limits: expected a map of resource quantities like {cpu: \"100\"}, got a list",
                "many.yaml: Team_L: metadata.name: \"Team_L\" is not a DNS label (it becomes the karpenter.sh/nodepool label value): uppercase letters are not allowed; '_' is not allowed (only a-z, 0-9 and '-'); use e.g. \"team-l\"",
                "many.yaml: document 2: not valid YAML: the parser could not read on after line 16 (an unclosed '[', '{' or quote?)",
                "many.yaml: third: apiVersion: \"automode.io/v1\" does not serve WorkloadClass; use apiVersion automode.io/v1alpha1",
                "many.yaml: third: spec.weight: 500 is outside 1-100; pick a weight from 1 (lowest) to 100 (highest)",
            ],
            output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("8 error(s)\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Validate_TypeErrorOnARequiredField_NotAlsoReportedAsMissing()
    {
        var files = new InMemoryFileSystem();
        files.Files["web.yaml"] = Web.Replace("nodeRole: AmazonEKSAutoNodeRole", "nodeRole: [AmazonEKSAutoNodeRole]", StringComparison.Ordinal);

        var (code, output, _) = Run(files, "validate", "-f", "web.yaml");

        Assert.Equal(1, code);
        Assert.Equal("web.yaml: web: spec.nodeRole: expected a string, got a list\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Warnings_PrintedWithTheClassName_Exit0_AndRenderStillRenders()
    {
        var files = new InMemoryFileSystem();
        files.Files["web.yaml"] = Web.Replace("name: web", "name: web\n  namespace: default", StringComparison.Ordinal)
            + "\n  instances: {families: [m7g], excludeFamilies: [m7g]}\n";

        var validate = Run(files, "validate", "-f", "web.yaml");
        var strict = Run(files, "validate", "--strict", "-f", "web.yaml");
        var render = Run(files, "render", "-f", "web.yaml");

        Assert.Equal(0, validate.Code);
        Assert.Equal(
            [
                "web.yaml: web: warning: metadata.namespace: \"default\" is ignored: WorkloadClass is cluster-scoped and the API server drops the namespace; remove it",
                "web.yaml: web: warning: spec.instances.families: no family can be used (\"m7g\" is also in excludeFamilies): the NodePool can never launch a node",
            ],
            validate.Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("1 WorkloadClass(es) valid, 2 warning(s)\n", validate.Err.ReplaceLineEndings("\n"));
        Assert.Equal(1, strict.Code);
        Assert.Equal(0, render.Code);
        Assert.Contains("kind: NodePool", render.Out, StringComparison.Ordinal);
        Assert.EndsWith("render: 2 warning(s); rendered anyway\n", render.Err.ReplaceLineEndings("\n"), StringComparison.Ordinal);
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

    public static TheoryData<string, string[]> RootUsageErrors => new()
    {
        { "no command", [] },
        { "unknown command", ["deploy"] },
    };

    [Theory]
    [MemberData(nameof(RootUsageErrors))]
    public void RootUsageError_UsageOnStderr_Exit2(string reason, string[] args)
    {
        var (code, output, error) = Run(new InMemoryFileSystem(), args);

        Assert.True(code == 2, reason);
        Assert.Equal("", output);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[]> UsageErrors => new()
    {
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
    public void UsageError_TheErrorAndAOneLineHint_Exit2(string reason, string[] args)
    {
        var (code, output, error) = Run(new InMemoryFileSystem(), args);

        Assert.True(code == 2, reason);
        Assert.Equal("", output);
        var lines = error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 2, $"{reason}: {error}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Equal($"Run 'automode-operator {args[0]} --help' for usage.", lines[1]);
    }

    [Fact]
    public void BadAt_OnlyTheErrorAndAHint()
    {
        var (code, _, error) = Run(new InMemoryFileSystem(), "render", "-f", "x", "--at", "tonight");

        Assert.Equal(2, code);
        Assert.Equal(
            "error: --at \"tonight\" is not an RFC 3339 time with an offset, e.g. 2026-11-24T19:30:00+09:00\nRun 'automode-operator render --help' for usage.\n",
            error.ReplaceLineEndings("\n"));
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
