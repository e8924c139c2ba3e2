using System.Text.Json.Nodes;
using AutoMode.Testing.Crds;
using AutoMode.Testing.Schemas;

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

        // YamlJson keeps YAML 1.2 types (booleans, integers), as the API server reads them.
        var crds = YamlJson.ParseAll(stdout).OfType<JsonObject>().Where(d => (string?)d["kind"] == "CustomResourceDefinition").ToList();

        Assert.NotEmpty(crds);
        Assert.All(crds, crd =>
        {
            var result = CustomResourceDefinitionChecker.Check(crd);
            Assert.True(result.Accepted, result.Message);
        });
    }
}
