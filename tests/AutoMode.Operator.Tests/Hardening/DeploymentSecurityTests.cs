using AutoMode.Operator.Tests.Config;

namespace AutoMode.Operator.Tests.Hardening;

/// <summary>What KustomizeConfigTests.Deployment_IsHardened does not already pin: no host access of any kind.</summary>
public sealed class DeploymentSecurityTests
{
    [ToolFact("kubectl")]
    public async Task Deployment_NoHostAccessNoRootAndOnlyScratchVolumes()
    {
        var deployment = (await KustomizeConfigTests.RenderAsync()).Single(o => (string?)o["kind"] == "Deployment");
        var pod = deployment["spec"]!["template"]!["spec"]!.AsObject();

        foreach (var hostAccess in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            Assert.NotEqual(true, pod[hostAccess]?.GetValue<bool>());
        }

        Assert.NotNull(pod["securityContext"]!["runAsUser"]);
        Assert.NotEqual(0, pod["securityContext"]!["runAsUser"]!.GetValue<long>());
        Assert.All(pod["volumes"]?.AsArray() ?? [], v => Assert.NotNull(v!["emptyDir"]));
        foreach (var container in (pod["containers"]!.AsArray()).Concat(pod["initContainers"]?.AsArray() ?? []))
        {
            var security = container!["securityContext"]!;
            Assert.NotEqual(true, security["privileged"]?.GetValue<bool>());
            Assert.Null(security["capabilities"]!["add"]);
            Assert.DoesNotContain(":latest", (string?)container["image"], StringComparison.Ordinal);
            Assert.Contains(":", (string?)container["image"], StringComparison.Ordinal);
            Assert.All(container["ports"]?.AsArray() ?? [], p => Assert.Null(p!["hostPort"]));
        }
    }
}
