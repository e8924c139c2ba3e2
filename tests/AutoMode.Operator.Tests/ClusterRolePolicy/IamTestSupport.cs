using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Aws;
using AutoMode.Testing.Builders;

namespace AutoMode.Operator.Tests.ClusterRolePolicy;

/// <summary>Small shared pieces of the IAM and access-entry tests.</summary>
internal static class IamTestSupport
{
    public const string Classes = WorkloadClassApi.Plural;
    public const string NodeClasses = "nodeclasses";

    public static V1Alpha1WorkloadClass Tagged(string name, string team = "payments") =>
        WorkloadClasses.Valid(name, s => s.Tags = new Dictionary<string, string> { ["team"] = team });

    public static string? Reason(OperatorHarness h, string name, string type) => OperatorHarness.Condition(h.Get(Classes, name), type, "reason");

    public static string? Message(OperatorHarness h, string name, string type) => OperatorHarness.Condition(h.Get(Classes, name), type, "message");

    public static string? NodeClassTag(OperatorHarness h, string name, string key) => (string?)h.Get(NodeClasses, name)?["spec"]?["tags"]?[key];

    /// <summary>Kubernetes writes of the NodeClass (not its status) as the API server logged them.</summary>
    public static int NodeClassWrites(OperatorHarness h, string name) =>
        h.Server.Requests.Count(r => r.IsWrite && r.Plural == NodeClasses && r.Name == name && r.Subresource is null);

    /// <summary>Waits until <paramref name="predicate"/> holds on the fake AWS endpoint's log (event-driven).</summary>
    public static Task<FakeAwsRequest> WaitForAwsAsync(FakeAwsAccount aws, Func<FakeAwsRequest, bool> predicate) =>
        aws.Server.WaitForRequestAsync(predicate, TimeSpan.FromSeconds(20));

    /// <summary>
    /// Moves the fake clock forward in steps until <paramref name="done"/> holds. A requeue timer is registered just
    /// after the reconcile that asked for it returns, which a test cannot observe; stepping again covers that gap.
    /// </summary>
    public static async Task AdvanceUntilAsync(OperatorHarness h, Func<bool> done, TimeSpan step, int maxSteps = 200)
    {
        for (var i = 0; i < maxSteps && !done(); i++)
        {
            h.Time.Advance(step);
            // The reconcile a timer starts runs in real time on the loopback fakes: give it a moment before looking again.
            await Task.Delay(25);
        }

        Assert.True(done(), $"condition not reached after advancing the fake clock {maxSteps} x {step}");
    }

    public static IReadOnlyList<JsonObject> Events(OperatorHarness h, string reason) =>
        h.Server.List("events").Where(e => (string?)e["reason"] == reason).ToList();
}
