using AutoMode.Core.Serialization;
using AutoMode.Operator.Cli;
using AutoMode.Testing.Kube;
using k8s;

namespace AutoMode.Operator.Tests.Cli;

/// <summary>`import --from-cluster` against the fake API server: the cluster's pools become classes, built-ins skipped.</summary>
public sealed class ImportFromClusterTests
{
    private const string Objects = """
        apiVersion: eks.amazonaws.com/v1
        kind: NodeClass
        metadata: {name: default}
        spec:
          role: AmazonEKSAutoNodeRole
          subnetSelectorTerms: [{tags: {Tier: private}}]
          securityGroupSelectorTerms: [{id: sg-0123456789abcdef0}]
        ---
        apiVersion: eks.amazonaws.com/v1
        kind: NodeClass
        metadata: {name: private}
        spec:
          role: AmazonEKSAutoNodeRole
          subnetSelectorTerms: [{tags: {Tier: private}}]
          securityGroupSelectorTerms: [{id: sg-0123456789abcdef0}]
        ---
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: general-purpose}
        spec:
          template:
            spec:
              nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: default}
              requirements:
                - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}
        ---
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: batch}
        spec:
          template:
            spec:
              nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: private}
              requirements:
                - {key: kubernetes.io/arch, operator: In, values: [arm64]}
                - {key: karpenter.sh/capacity-type, operator: In, values: [spot]}
                - {key: eks.amazonaws.com/instance-category, operator: In, values: [c, m]}
        """;

    private static async Task<(int Code, string Out, string Err)> RunAsync(Func<IKubernetes> connect, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ImportCommand.RunFromClusterAsync(args, new CliConsole(new StringReader(""), output, error), connect, CancellationToken.None);
        return (code, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task FromCluster_ImportsTheUsersPools_SkipsTheBuiltIns()
    {
        await using var server = await FakeApiServer.StartAsync();
        FakeAutoMode.Register(server);
        foreach (var document in YamlJsonReader.ParseAll(Objects))
        {
            server.Put(document!);
        }

        var (code, output, error) = await RunAsync(() => server.CreateClient(), "--from-cluster");

        Assert.True(code == ExitCodes.Success, error);
        Assert.StartsWith("# Imported by automode-operator import from <cluster>: 1 WorkloadClass(es)", output, StringComparison.Ordinal);
        Assert.Contains("#   NodePool general-purpose: AWS's built-in pool (cluster compute config): skipped", output, StringComparison.Ordinal);
        Assert.Contains("#   NodeClass default: AWS's built-in NodeClass: skipped", output, StringComparison.Ordinal);
        var imported = Assert.Single(WorkloadClassDocuments.Parse(output, "out"));
        Assert.True(imported.IsWorkloadClass, string.Join("\n", imported.ErrorLines()));
        Assert.Equal("batch", imported.Name);
        Assert.Equal(["arm64"], imported.WorkloadClass!.Spec.Instances!.Architectures!);
        Assert.DoesNotContain(server.Requests, r => r.IsWrite);
    }

    [Fact]
    public async Task FromCluster_Unreachable_ExitOne()
    {
        var (code, output, error) = await RunAsync(() => new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1/" }), "--from-cluster");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("", output);
        Assert.StartsWith("import: cannot read NodeClasses and NodePools from the cluster:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromCluster_WithFiles_IsAUsageError()
    {
        var (code, _, error) = await RunAsync(() => throw new InvalidOperationException("must not connect"), "--from-cluster", "-f", "pools.yaml");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Run 'automode-operator import --help' for usage.", error, StringComparison.Ordinal);
    }
}
