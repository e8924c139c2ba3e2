using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Testing.Builders;

namespace AutoMode.Operator.Tests.Controllers;

/// <summary>
/// The status is level-triggered like the children: a status the operator did not compute (an older write of its own
/// landing late, a previous replica's, anyone's) is replaced by the one it computes, without waiting for a timer.
/// </summary>
public sealed class StatusLevelTriggerTests
{
    [Fact]
    public async Task StatusOverwrittenOnTheServer_IsRestoredWithoutAnyOtherEvent()
    {
        await using var h = await OperatorHarness.StartAsync();
        h.Apply(WorkloadClasses.Valid("web"));
        await h.WaitForConditionAsync("web", "Ready", "True");
        await h.WaitForCacheAsync("web");
        var converged = h.Get(WorkloadClassApi.Plural, "web")!["status"]!.DeepClone();

        // What a status patch of an earlier reconcile (sent before Auto Mode reported, answered late) leaves behind.
        var stale = converged.DeepClone().AsObject();
        foreach (var condition in stale["conditions"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["type"] is "Ready" or "NodeClassReady"))
        {
            condition["status"] = "Unknown";
            condition["reason"] = "WaitingForAutoMode";
        }

        h.Server.SetStatus(WorkloadClassApi.Plural, "web", stale);

        // The fake clock does not move: only the status event itself can bring the class back.
        await h.WaitForConditionAsync("web", "Ready", "True");
        Assert.True(JsonNode.DeepEquals(converged["conditions"], h.Get(WorkloadClassApi.Plural, "web")!["status"]!["conditions"]));
    }
}
