using System.Text.Json.Nodes;
using AutoMode.Core.Serialization;
using AutoMode.Testing.Crds;

namespace AutoMode.Operator.Tests.Config;

/// <summary>
/// What `kubectl apply -k config/default` (make deploy, Argo CD) sends: its CustomResourceDefinitions, after kustomize's
/// labels, pass the API server's apiextensions validation (tests/AutoMode.Testing/Crds).
/// </summary>
public sealed class RenderedCrdAdmissionTests
{
    [ToolFact("kubectl")]
    public async Task DefaultInstall_CrdsAreAcceptedByTheApiServerRules()
    {
        var (exitCode, stdout, stderr) = await ExternalTool.RunAsync("kubectl", "kustomize", "config/default");
        Assert.True(exitCode == 0, stderr);

        // YamlJsonReader types plain scalars as the API server reads them (sigs.k8s.io/yaml, YAML 1.1).
        var crds = YamlJsonReader.ParseAll(stdout).OfType<JsonObject>().Where(d => (string?)d["kind"] == "CustomResourceDefinition").ToList();

        Assert.NotEmpty(crds);
        Assert.All(crds, crd =>
        {
            var result = CustomResourceDefinitionChecker.Check(crd);
            Assert.True(result.Accepted, result.Message);
        });
    }
}
