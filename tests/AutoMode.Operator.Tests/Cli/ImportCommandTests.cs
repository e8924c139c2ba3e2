using AutoMode.Core.Import;
using AutoMode.Core.Serialization;
using AutoMode.Operator.Cli;
using AutoMode.Testing.Schemas;

namespace AutoMode.Operator.Tests.Cli;

/// <summary>`import`: exit codes, the comment header, --allow-lossy, stdin, clear errors, and import | render round trip.</summary>
public sealed class ImportCommandTests
{
    private const string NodeClass = """
        apiVersion: eks.amazonaws.com/v1
        kind: NodeClass
        metadata:
          name: private
        spec:
          role: AmazonEKSAutoNodeRole
          subnetSelectorTerms: [{tags: {Tier: private}}]
          securityGroupSelectorTerms: [{id: sg-0123456789abcdef0}]
          tags: {Team: payments}
        """;

    private const string SpotPool = """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata:
          name: batch
        spec:
          template:
            spec:
              nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: private}
              requirements:
                - {key: kubernetes.io/arch, operator: In, values: [arm64]}
                - {key: karpenter.sh/capacity-type, operator: In, values: [spot]}
                - {key: eks.amazonaws.com/instance-category, operator: In, values: [c, m]}
              taints: [{key: example.com/batch, effect: NoSchedule}]
          limits: {cpu: 64}
          disruption:
            consolidationPolicy: WhenEmpty
            consolidateAfter: 5m
            budgets: [{nodes: "0", schedule: "0 9 * * 1-5", duration: 8h}, {nodes: "2"}]
        """;

    // No capacity-type requirement: the class would add on-demand, so the import is lossy.
    private const string OpenPool = """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata:
          name: open
        spec:
          template:
            spec:
              nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: private}
              requirements:
                - {key: kubernetes.io/arch, operator: In, values: [amd64]}
                - {key: eks.amazonaws.com/instance-category, operator: In, values: [m]}
        """;

    private static string Join(params string[] documents) => string.Join("\n---\n", documents);

    private static (int Code, string Out, string Err) Run(InMemoryFileSystem files, string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, new CliConsole(new StringReader(stdin), output, error), files);
        return (code, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    private static (int Code, string Out, string Err) Import(string yaml, params string[] extra)
    {
        var files = new InMemoryFileSystem();
        files.Files["pools.yaml"] = yaml;
        return Run(files, "", ["import", "-f", "pools.yaml", .. extra]);
    }

    [Fact]
    public void ExactInput_PrintsOneClassPerNodePool_WithHeader_ExitZero()
    {
        var (code, output, error) = Import(Join(NodeClass, SpotPool));

        Assert.True(code == ExitCodes.Success, error);
        Assert.StartsWith("# Imported by automode-operator import from pools.yaml: 1 WorkloadClass(es)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("# LOSSY", output, StringComparison.Ordinal);
        Assert.Contains("#   NodePool batch: spec.template.spec.nodeClassRef.name: uses NodeClass private", output, StringComparison.Ordinal);
        var document = Assert.Single(WorkloadClassDocuments.Parse(output, "out"));
        Assert.True(document.IsWorkloadClass, string.Join("\n", document.ErrorLines()));
        Assert.Equal("batch", document.Name);
        Assert.Equal(["spot"], document.WorkloadClass!.Spec.Instances!.CapacityTypes!);
    }

    [Fact]
    public void ImportThenRender_GivesBackTheInputOnTheOwnedFields()
    {
        var (_, imported, _) = Import(Join(NodeClass, SpotPool));

        var (code, rendered, error) = Run(new InMemoryFileSystem(), imported, "render", "-f", "-", "--at", "2026-12-07T12:00:00Z");

        Assert.True(code == ExitCodes.Success, error);
        var documents = YamlJsonReader.ParseAll(rendered);
        var nodeClass = documents.Single(d => (string?)d?["kind"] == "NodeClass");
        var nodePool = documents.Single(d => (string?)d?["kind"] == "NodePool");
        Assert.Empty(OwnedFields.Differences(OwnedFields.NodeClassSpec(YamlJsonReader.Parse(NodeClass)!["spec"]), OwnedFields.NodeClassSpec(nodeClass?["spec"]), "spec"));
        Assert.Empty(OwnedFields.Differences(OwnedFields.NodePoolSpec(YamlJsonReader.Parse(SpotPool)!["spec"], "batch"), OwnedFields.NodePoolSpec(nodePool?["spec"], "batch"), "spec"));
    }

    [Fact]
    public void RenderOfEverySample_ImportsWithoutLoss_IamPolicyDocumentSkipped()
    {
        var samples = new InMemoryFileSystem();
        var directory = RepositoryPaths.Combine("config", "samples");
        foreach (var file in Directory.GetFiles(directory, "*.yaml"))
        {
            samples.Files[Path.GetFileName(file)] = File.ReadAllText(file);
        }

        var (renderCode, rendered, renderError) = Run(samples, "", ["render", .. samples.Files.Keys.SelectMany(f => new[] { "-f", f }), "--at", "2026-12-07T12:00:00Z"]);
        Assert.True(renderCode == ExitCodes.Success, renderError);
        Assert.Contains("# IAM inline policy", rendered, StringComparison.Ordinal);

        var (code, output, error) = Run(new InMemoryFileSystem(), rendered, "import", "-f", "-");

        Assert.True(code == ExitCodes.Success, error);
        Assert.DoesNotContain("# LOSSY", output, StringComparison.Ordinal);
        Assert.Contains("not a Kubernetes object", output, StringComparison.Ordinal);
        Assert.Equal(samples.Files.Count, WorkloadClassDocuments.Parse(output, "out").Count(d => d.IsWorkloadClass));
    }

    [Fact]
    public void LossyInput_NotesOnStderr_NothingOnStdout_ExitOne()
    {
        var (code, output, error) = Import(Join(NodeClass, OpenPool));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("", output);
        Assert.Contains("NodePool open: spec.template.spec.requirements: the class adds {\"key\":\"karpenter.sh/capacity-type\",\"operator\":\"In\",\"values\":[\"on-demand\"]}", error, StringComparison.Ordinal);
        Assert.Contains("--allow-lossy", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LossyInput_WithAllowLossy_PrintsClassesWithTheNotesInTheHeader()
    {
        var (code, output, error) = Import(Join(NodeClass, OpenPool, SpotPool), "--allow-lossy");

        Assert.True(code == ExitCodes.Success, error);
        var header = output.Split('\n').TakeWhile(l => l.StartsWith('#')).ToList();
        Assert.Contains("# LOSSY: these classes do not render the input exactly; applying them changes these fields:", header);
        Assert.Contains(header, l => l.StartsWith("#   NodePool open: spec.template.spec.requirements: the class adds", StringComparison.Ordinal));
        Assert.Contains(header, l => l.StartsWith("#   NodePool batch: spec.template.spec.nodeClassRef.name: NodeClass private is shared by NodePools open, batch", StringComparison.Ordinal));
        Assert.Equal(["open", "batch"], WorkloadClassDocuments.Parse(output, "out").Select(d => d.Name));
    }

    [Fact]
    public void StandardInput_IsRead()
    {
        var (code, output, error) = Run(new InMemoryFileSystem(), Join(NodeClass, SpotPool), "import", "-f", "-");

        Assert.True(code == ExitCodes.Success, error);
        Assert.StartsWith("# Imported by automode-operator import from <stdin>:", output, StringComparison.Ordinal);
        Assert.Equal("batch", Assert.Single(WorkloadClassDocuments.Parse(output, "out")).Name);
    }

    [Fact]
    public void BuiltInsOnly_NoNodePoolFound_ExitOne()
    {
        var builtIn = SpotPool.Replace("name: batch", "name: general-purpose", StringComparison.Ordinal);

        var (code, output, error) = Import(Join(NodeClass, builtIn));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("", output);
        Assert.Contains("no NodePool (karpenter.sh/v1) found in the input other than AWS's built-in pools", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NodePoolWithoutItsNodeClass_ErrorNamesTheNodeClass_ExitOne()
    {
        var (code, output, error) = Import(SpotPool);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("", output);
        Assert.Contains("pools.yaml: NodePool batch: uses NodeClass \"private\", which is not in the input", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kind: NodePool\nmetadata: {name: [unclosed\n", "pools.yaml: document 1: not valid YAML")]
    [InlineData("# only a comment\n", "pools.yaml: no NodeClass or NodePool found")]
    public void UnreadableOrEmptyYaml_ExitOne(string yaml, string expected)
    {
        var (code, output, error) = Import(yaml);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("", output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableFile_ExitOne()
    {
        var files = new InMemoryFileSystem();
        files.Unreadable.Add("secret.yaml");

        var (code, _, error) = Run(files, "", "import", "-f", "secret.yaml");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("secret.yaml: cannot read the file: permission denied", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "import" }, ExitCodes.Usage)]
    [InlineData(new[] { "import", "-f", "pools.yaml", "--from-cluster" }, ExitCodes.Usage)]
    [InlineData(new[] { "import", "--help" }, ExitCodes.Success)]
    public void CommandLine_ExitCodes(string[] args, int expected)
    {
        var (code, output, error) = Run(new InMemoryFileSystem(), "", args);

        Assert.Equal(expected, code);
        if (expected == ExitCodes.Success)
        {
            Assert.Contains("automode-operator import -f <file|dir|->", output, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("Run 'automode-operator import --help' for usage.", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RootHelp_ListsImport()
    {
        var (_, output, _) = Run(new InMemoryFileSystem(), "", "--help");

        Assert.Contains("  import     ", output, StringComparison.Ordinal);
    }
}
