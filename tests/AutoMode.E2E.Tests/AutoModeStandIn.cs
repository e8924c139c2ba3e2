using System.Globalization;
using System.Text.Json.Nodes;
using AutoMode.Core.ThirdParty;

namespace AutoMode.E2E.Tests;

/// <summary>
/// Plays EKS Auto Mode's part where the cluster has no Auto Mode controllers: once the operator has created a
/// NodeClass or NodePool, waits a grace period for someone else to report its <c>Ready</c> condition, and only if
/// nobody did, sets <c>Ready=True</c> through <c>/status</c>, as Auto Mode does once it accepts the object.
/// </summary>
internal sealed class AutoModeStandIn(ClusterObjects objects, TimeProvider time)
{
    public const string Reason = "E2EStandIn";

    /// <summary>Waits for the generated object, then makes sure it has a Ready condition. Returns whether the stand-in set it.</summary>
    public async Task<ChildReadiness> EnsureReadyAsync(ResourceDescriptor kind, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var created = await objects.WaitForAsync(kind, name, o => o is not null, "created by the operator", timeout, cancellationToken);
        try
        {
            var reported = await objects.WaitForAsync(kind, name, o => Ready(o) is not null, "Ready reported by Auto Mode", E2eEnvironment.AutoModeGrace, cancellationToken);
            return new ChildReadiness(Ready(reported)!, PlayedByTest: false);
        }
        catch (TimeoutException)
        {
            // No Auto Mode controller answered within the grace period: this cluster has none, so the test stands in.
        }

        var generation = created!["metadata"]?["generation"]?.GetValue<long>() ?? 1;
        var conditions = new JsonArray(new JsonObject
        {
            ["type"] = "Ready",
            ["status"] = "True",
            ["reason"] = Reason,
            ["message"] = "Set by the end-to-end test standing in for EKS Auto Mode",
            ["observedGeneration"] = generation,
            ["lastTransitionTime"] = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
        await objects.MergePatchStatusAsync(kind, name, new JsonObject { ["status"] = new JsonObject { ["conditions"] = conditions } }, cancellationToken);
        return new ChildReadiness("True", PlayedByTest: true);
    }

    /// <summary>The status of the object's Ready condition, or null when it has none.</summary>
    public static string? Ready(JsonObject? obj) =>
        (obj?["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => (string?)c?["type"] == "Ready")?["status"]?.GetValue<string>();
}
