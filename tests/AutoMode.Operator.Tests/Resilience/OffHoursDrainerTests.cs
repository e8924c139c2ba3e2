using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Scheduling;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Kubernetes.Apply;
using AutoMode.Operator.Controllers;
using AutoMode.Operator.Controllers.WorkloadClasses;
using AutoMode.Testing.Builders;
using AutoMode.Testing.Fakes;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AutoMode.Operator.Tests.Resilience;

/// <summary>Regression found by the fault-injection churn: one pool's drain must not forget another pool's pending deletions.</summary>
public sealed class OffHoursDrainerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task OtherPoolDrained_WhileOurDeletionIsNotInTheCacheYet_OurClaimIsNotDeletedTwice()
    {
        var writer = new DeleteRecordingWriter();
        var drainer = new OffHoursDrainer(writer, new RecordingEventRecorder(), new OperatorIdentity("op", "automode-system", null), new ProtectedPodNodes(null!), NullLogger<OffHoursDrainer>.Instance, new WriteExpectations(new FakeTimeProvider(Now)));
        var state = new OffHoursState(true, Now.AddMinutes(-30), Now.AddHours(1), "Window");
        var a = Draining("a");
        var b = Draining("b");
        var aClaims = new[] { Claim("a-1", "a"), Claim("a-2", "a") };

        await drainer.DrainAsync(a, state, HeldDown("a"), aClaims, Now, CancellationToken.None);
        await drainer.DrainAsync(b, state, HeldDown("b"), [Claim("b-1", "b")], Now, CancellationToken.None);
        // The watch has not delivered a-1's deletionTimestamp yet: the cache still shows both claims as running.
        await drainer.DrainAsync(a, state, HeldDown("a"), aClaims, Now.AddSeconds(1), CancellationToken.None);

        Assert.Equal(["a-1", "b-1"], writer.Deleted);
    }

    private static V1Alpha1WorkloadClass Draining(string name)
    {
        var workloadClass = WorkloadClasses.Valid(name, s => s.OffHours = new OffHoursSpec
        {
            Windows = [new OffHoursWindowSpec { Start = "0 12 * * *", End = "0 14 * * *" }],
            Drain = new DrainSpec { Enabled = true, MaxUnavailable = "1" },
        });
        workloadClass.Metadata.Uid = "uid-" + name;
        return workloadClass;
    }

    private static V1NodePool HeldDown(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1NodePoolSpec { Limits = new Dictionary<string, string> { ["cpu"] = "0", ["memory"] = "0" } },
    };

    private static V1NodeClaim Claim(string name, string pool) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Uid = "uid-" + name,
            CreationTimestamp = Now.AddHours(-3).UtcDateTime,
            Labels = new Dictionary<string, string> { [V1NodeClaim.NodePoolLabel] = pool },
        },
    };
}
