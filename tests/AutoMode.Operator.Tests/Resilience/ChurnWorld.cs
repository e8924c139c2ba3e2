using System.Globalization;
using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Operator.Tests.Controllers;
using AutoMode.Testing.Builders;
using AutoMode.Testing.Kube;
using k8s;
using Microsoft.Extensions.Time.Testing;

namespace AutoMode.Operator.Tests.Resilience;

/// <summary>
/// The world a churn test drives and judges: the fake API server (object timestamps on the same fake clock the
/// operator reads), the classes the test means to exist, NodeClaims in their pools, a few objects we do not own
/// and the off-hours window. It also plays Karpenter's part for terminating NodeClaims (the finalizer is removed a
/// few ticks later) and keeps the clock ticking, so per-key backoff on the fake clock elapses as it would in a
/// cluster. It never advances the clock across a window boundary on its own: the test does, between phases.
/// </summary>
internal sealed class ChurnWorld : IAsyncDisposable
{
    /// <summary>Off-hours window of the classes that have one: every day 12:00-14:00 UTC.</summary>
    public const string WindowStart = "0 12 * * *";
    public const string WindowEnd = "0 14 * * *";

    public const string Classes = WorkloadClassApi.Plural;
    public const string NodePools = "nodepools";
    public const string NodeClasses = "nodeclasses";
    public const string NodeClaims = "nodeclaims";
    public const string TerminationFinalizer = "karpenter.sh/termination";

    /// <summary>Objects with these names exist before the operator starts and are not ours (classes of that name conflict).</summary>
    public static readonly (string Plural, string Name)[] Foreign =
    [
        (NodePools, "x-pool"),
        (NodeClasses, "x-class"),
        (NodePools, "x-both"),
        (NodeClasses, "x-both"),
    ];

    private readonly Random _random;
    private readonly Dictionary<string, V1Alpha1WorkloadClass> _live = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Plural, string Name), string> _foreignVersions = [];
    private readonly Dictionary<string, int> _terminatingSince = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _claimPools = new(StringComparer.Ordinal);
    private readonly HashSet<string> _drainPoolsEver = new(StringComparer.Ordinal);
    private readonly List<(long FirstSequence, bool InWindow)> _phases = [];
    private int _claims;
    private int _ticks;
    private DateTimeOffset _clockCap;

    private ChurnWorld(FakeApiServer server, FakeTimeProvider time, Random random)
    {
        Server = server;
        Time = time;
        _random = random;
    }

    public FakeApiServer Server { get; }

    public FakeTimeProvider Time { get; }

    public bool InWindow { get; private set; }

    /// <summary>How often the test restarted the operator process (names the process in request logs).</summary>
    public int Restarts { get; set; }

    public IReadOnlyCollection<string> LiveNames => _live.Keys;

    public static async Task<ChurnWorld> CreateAsync(int seed)
    {
        var time = new FakeTimeProvider(OperatorHarness.Start);
        var server = await FakeApiServer.StartAsync(time);
        server.AddResource(WorkloadClassApi.Group, WorkloadClassApi.Version, WorkloadClassApi.Plural, WorkloadClassApi.Kind);
        FakeAutoMode.Install(server);
        FakeSchemas.Install(server);
        var world = new ChurnWorld(server, time, new Random(seed));
        world.SeedForeignObjects();
        await world.BeginPhaseAsync(inWindow: false, capAt: OperatorHarness.Start.AddHours(1.75));
        return world;
    }

    /// <summary>A random fault plan: every fault kind the fake API server knows, at rates a real bad day might show.</summary>
    public static FaultPlan RandomFaults(int seed, params string[] resources)
    {
        var random = new Random(seed * 7919);
        var plan = new FaultPlan(seed)
        {
            TooManyRequests = 0.02 + (random.NextDouble() * 0.05),
            RetryAfterSeconds = 0,
            InternalServerError = 0.02 + (random.NextDouble() * 0.04),
            ServiceUnavailable = 0.01 + (random.NextDouble() * 0.03),
            WriteConflict = 0.03 + (random.NextDouble() * 0.05),
            ConnectionReset = 0.005 + (random.NextDouble() * 0.015),
            WatchExpired = 0.05 + (random.NextDouble() * 0.1),
            WatchDropped = 0.1 + (random.NextDouble() * 0.2),
            DropWatchAfterEvents = 1 + random.Next(20),
            SlowResponse = 0.02 + (random.NextDouble() * 0.05),
            SlowMin = TimeSpan.FromMilliseconds(5),
            SlowMax = TimeSpan.FromMilliseconds(60),
        };
        foreach (var resource in resources)
        {
            plan.Resources.Add(resource);
        }

        return plan;
    }

    // ---- the test's intent ----

    /// <summary>Creates or replaces a class; a random third of new classes get the off-hours window (most with drain).</summary>
    public void ApplyClass(string name, bool? offHours = null, bool drain = true)
    {
        var withOffHours = offHours ?? _random.Next(3) == 0;
        var cpu = 10 + _random.Next(190);
        var workloadClass = WorkloadClasses.Valid(name, s =>
        {
            s.Limits = new Dictionary<string, string> { ["cpu"] = cpu.ToString(CultureInfo.InvariantCulture), ["memory"] = $"{cpu * 4}Gi" };
            s.Weight = _random.Next(4) == 0 ? null : 1 + _random.Next(100);
            s.NodeLabels = new Dictionary<string, string> { ["team"] = "t" + _random.Next(10).ToString(CultureInfo.InvariantCulture) };
            if (withOffHours)
            {
                s.OffHours = new OffHoursSpec
                {
                    TimeZone = "UTC",
                    Windows = [new OffHoursWindowSpec { Start = WindowStart, End = WindowEnd }],
                    Drain = new DrainSpec { Enabled = drain, MaxUnavailable = new[] { "1", "2", "50%" }[_random.Next(3)] },
                };
            }
        });
        Put(workloadClass);
    }

    /// <summary>Edits a live class: new limits, weight and labels; its off-hours settings stay.</summary>
    public void EditClass(string name)
    {
        var current = _live[name];
        var cpu = 10 + _random.Next(190);
        current.Spec.Limits = new Dictionary<string, string> { ["cpu"] = cpu.ToString(CultureInfo.InvariantCulture), ["memory"] = $"{cpu * 2}Gi" };
        current.Spec.Weight = 1 + _random.Next(100);
        current.Spec.NodeLabels = new Dictionary<string, string> { ["team"] = "e" + _random.Next(10).ToString(CultureInfo.InvariantCulture) };
        Put(current);
    }

    public void DeleteClass(string name)
    {
        Server.Delete(Classes, name);
        _live.Remove(name);
        _gone.Add(name);
    }

    /// <summary>Adds NodeClaims to a pool as Karpenter would; some carry the termination finalizer.</summary>
    public void AddClaims(string pool, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var name = $"claim-{++_claims:00000}";
            _claimPools[name] = pool;
            var metadata = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject { [V1NodeClaim.NodePoolLabel] = pool },
            };
            if (_random.Next(3) == 0)
            {
                metadata["finalizers"] = new JsonArray(TerminationFinalizer);
            }

            Server.Put(new JsonObject
            {
                ["apiVersion"] = "karpenter.sh/v1",
                ["kind"] = "NodeClaim",
                ["metadata"] = metadata,
                ["status"] = new JsonObject { ["nodeName"] = "node-" + name },
            });
        }
    }

    public string RandomLive() => _live.Keys.OrderBy(k => k, StringComparer.Ordinal).ElementAt(_random.Next(_live.Count));

    public bool HasOffHours(string name) => _live.TryGetValue(name, out var c) && c.Spec.OffHours is not null;

    public int Next(int max) => _random.Next(max);

    /// <summary>Moves the fake clock to a new phase (inside or outside the window) and lets it tick up to a cap.</summary>
    public async Task AdvanceToAsync(DateTimeOffset at, bool inWindow, DateTimeOffset capAt)
    {
        // The marker goes first: whatever the operator sends once it reads the new time belongs to the new phase.
        // Phases change only once everything has converged, so nothing of the old phase is still on its way.
        await BeginPhaseAsync(inWindow, capAt);
        Time.Advance(at - Time.GetUtcNow());
    }

    /// <summary>Ticks the clock and plays Karpenter until <see cref="Problems"/> finds nothing, or fails with what is left.</summary>
    /// <summary>The operator's side of a class (its queue state, its errors), for a failure message.</summary>
    public Func<string, string>? DescribeOperator { get; set; }

    public async Task ConvergeAsync(TimeSpan timeout)
    {
        string? problem = null;
        if (!await RunUntilAsync(() => (problem = Problems().FirstOrDefault()) is null, timeout))
        {
            Assert.Fail($"not converged within {timeout.TotalSeconds:0}s at {Time.GetUtcNow():HH:mm:ss} (window {(InWindow ? "on" : "off")}): {problem}; " +
                $"{Problems().Count()} problems, {Server.InjectedFaults.Count} faults injected; {Describe(problem)}");
        }
    }

    /// <summary>Ticks the clock and plays Karpenter until <paramref name="condition"/> holds.</summary>
    public async Task ConvergeUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        if (!await RunUntilAsync(condition, timeout))
        {
            var problem = Problems().FirstOrDefault();
            Assert.Fail($"condition not reached within {timeout.TotalSeconds:0}s at {Time.GetUtcNow():HH:mm:ss}; {SuccessfulClaimDeletions().Count} NodeClaims deleted, " +
                $"{Server.InjectedFaults.Count} faults injected; first problem: {problem ?? "none"}; {Describe(problem)}");
        }
    }

    private async Task<bool> RunUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            Tick();
            if (condition())
            {
                return true;
            }

            try
            {
                // Paces the simulated clock (1 s of fake time per tick); the condition itself is checked above.
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                break;
            }
        }

        return condition();
    }

    /// <summary>What differs from the intended final state (empty when converged).</summary>
    public IEnumerable<string> Problems()
    {
        ILookup<string, JsonObject>? claimsByPool = null;
        foreach (var (name, intended) in _live)
        {
            var stored = Server.Get(Classes, name);
            if (stored is null)
            {
                yield return $"class {name} missing";
                continue;
            }

            var generation = stored["metadata"]?["generation"]?.GetValue<long>();
            if (stored["status"]?["observedGeneration"]?.GetValue<long>() != generation)
            {
                yield return $"class {name} status not observed for generation {generation}";
                continue;
            }

            if (Foreign.Any(f => f.Name == name))
            {
                if (OperatorHarness.Condition(stored, "Conflict") != "True")
                {
                    yield return $"class {name} does not report Conflict";
                }

                continue;
            }

            if (OperatorHarness.Condition(stored, "Ready") != "True")
            {
                yield return $"class {name} Ready={OperatorHarness.Condition(stored, "Ready")}: {OperatorHarness.Condition(stored, "Ready", "message")}";
                continue;
            }

            var desired = Render(intended);
            var uid = stored["metadata"]!["uid"]!.GetValue<string>();
            foreach (var (plural, expected) in new[] { (NodeClasses, (object)desired.NodeClass), (NodePools, desired.NodePool) })
            {
                var child = Server.Get(plural, name);
                if (child is null)
                {
                    yield return $"{plural} {name} missing";
                    continue;
                }

                if (child["metadata"]?["ownerReferences"]?.AsArray().Any(r => (string?)r?["uid"] == uid && r?["controller"]?.GetValue<bool>() == true) != true)
                {
                    yield return $"{plural} {name} is not controlled by class uid {uid}";
                }

                var expectedSpec = JsonNode.Parse(KubernetesJson.Serialize(expected))!["spec"];
                if (!JsonNode.DeepEquals(expectedSpec, child["spec"]))
                {
                    yield return $"{plural} {name} spec {child["spec"]?.ToJsonString()} != rendered {expectedSpec?.ToJsonString()}";
                }
            }

            if (InWindow && intended.Spec.OffHours?.Drain?.Enabled == true)
            {
                claimsByPool ??= Server.List(NodeClaims).ToLookup(c => (string?)c["metadata"]?["labels"]?[V1NodeClaim.NodePoolLabel] ?? "", StringComparer.Ordinal);
                if (claimsByPool[name].Any())
                {
                    yield return $"pool {name} still has {claimsByPool[name].Count()} NodeClaims during off-hours";
                }
            }
        }

        foreach (var name in _gone)
        {
            foreach (var plural in new[] { NodeClasses, NodePools })
            {
                if (Server.Get(plural, name) is { } child && (string?)child["metadata"]?["labels"]?[WorkloadClassApi.WorkloadClassLabel] == name)
                {
                    yield return $"{plural} {name} of deleted class still exists";
                }
            }
        }

        foreach (var ((plural, name), version) in _foreignVersions)
        {
            if ((string?)Server.Get(plural, name)?["metadata"]?["resourceVersion"] != version)
            {
                yield return $"foreign {plural} {name} was changed";
            }
        }
    }

    // ---- invariants over the whole run ----

    /// <summary>Write requests that reached objects we do not own (must be none).</summary>
    public IReadOnlyList<RecordedRequest> ForeignWrites() =>
        Server.Requests.Where(r => r.IsWrite && Foreign.Contains((r.Plural ?? "", r.Name ?? ""))).ToList();

    /// <summary>Successful NodeClaim DELETE requests per claim name.</summary>
    public IReadOnlyDictionary<string, int> SuccessfulClaimDeletions() =>
        Server.Requests.Where(r => r.Plural == NodeClaims && r.Verb == "delete" && r.StatusCode == 200)
            .GroupBy(r => r.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>NodeClaim DELETE requests (any outcome) sent while the clock was outside the off-hours window.</summary>
    public IReadOnlyList<RecordedRequest> ClaimDeletionsOutsideWindow()
    {
        var requests = Server.Requests;
        return requests.Where(r => r.Plural == NodeClaims && r.Verb == "delete" && !PhaseOf(r.Sequence)).ToList();
    }

    /// <summary>Claims that were deleted although their pool never belonged to a class with off-hours drain.</summary>
    public IReadOnlyList<string> DeletedClaimsOutsideDrainPools() =>
        [.. SuccessfulClaimDeletions().Keys.Where(c => !_drainPoolsEver.Contains(_claimPools[c]))];

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    // ---- internals ----

    /// <summary>What the server holds for the class a problem names, and the requests about it, to debug a failure.</summary>
    private string Describe(string? problem)
    {
        var name = problem?.Split(' ').Skip(1).FirstOrDefault();
        if (name is null)
        {
            return "";
        }

        static string Meta(JsonObject? o) => o is null ? "absent" : o["metadata"]!.ToJsonString();
        var requests = Server.Requests.Where(r => r.Name == name).Select(r => $"{r.Sequence}:{r.Verb} {r.Plural}/{r.Subresource} {r.StatusCode} {r.Fault}");
        // The caches' side: a class judged from a stale cache shows here as a child watch that failed and never resumed.
        var streams = Server.Requests.Where(r => r.Verb is "list" or "watch" && r.Plural is NodeClasses or NodePools).TakeLast(8)
            .Select(r => $"{r.Sequence}:{r.Verb} {r.Plural} {r.StatusCode} {r.Fault}");
        var operatorSide = DescribeOperator?.Invoke(name) ?? "";
        return $"operator {operatorSide}; class {Meta(Server.Get(Classes, name))}; nodeclass {Meta(Server.Get(NodeClasses, name))}; nodepool {Meta(Server.Get(NodePools, name))}; " +
            $"requests {string.Join(", ", requests)}; last child lists/watches {string.Join(", ", streams)}";
    }

    private bool PhaseOf(long sequence) => _phases.Last(p => p.FirstSequence <= sequence).InWindow;

    private async Task BeginPhaseAsync(bool inWindow, DateTimeOffset capAt)
    {
        // A marker request: the server numbers requests as they arrive, so every request numbered after the marker
        // started after this point. (Discovery is never faulted.)
        using (var client = Server.CreateClient())
        {
            await client.Version.GetCodeAsync();
        }

        var marker = Server.Requests.Last(r => r.Verb == "discovery" && r.Path.StartsWith("/version", StringComparison.Ordinal)).Sequence;
        InWindow = inWindow;
        _clockCap = capAt;
        _phases.Add((marker, inWindow));
    }

    private void Tick()
    {
        _ticks++;
        if (Time.GetUtcNow() + TimeSpan.FromSeconds(1) <= _clockCap)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        // Karpenter: a deleted NodeClaim's node drains for a few ticks, then the finalizer goes and the claim with it.
        foreach (var claim in Server.List(NodeClaims).Where(c => c["metadata"]?["deletionTimestamp"] is not null))
        {
            var name = claim["metadata"]!["name"]!.GetValue<string>();
            if (!_terminatingSince.TryGetValue(name, out var since))
            {
                _terminatingSince[name] = _ticks;
            }
            else if (_ticks - since >= 3)
            {
                claim["metadata"]!.AsObject().Remove("finalizers");
                Server.Put(claim);
            }
        }
    }

    private DesiredState Render(V1Alpha1WorkloadClass workloadClass) =>
        DesiredStateRenderer.Render(workloadClass, new RenderContext { HoldCapacityDown = InWindow && workloadClass.Spec.OffHours is not null });

    private void Put(V1Alpha1WorkloadClass workloadClass)
    {
        var name = workloadClass.Metadata.Name;
        var node = JsonNode.Parse(KubernetesJson.Serialize(workloadClass))!.AsObject();
        node.Remove("status");
        if (Server.Get(Classes, name) is { } existing)
        {
            node["metadata"]!["uid"] = existing["metadata"]!["uid"]!.DeepClone();
            node["status"] = existing["status"]?.DeepClone();
        }

        Server.Put(node);
        if (workloadClass.Spec.OffHours?.Drain?.Enabled == true)
        {
            _drainPoolsEver.Add(name);
        }

        _live[name] = workloadClass;
        _gone.Remove(name);
    }

    private void SeedForeignObjects()
    {
        foreach (var (plural, name) in Foreign)
        {
            var kind = plural == NodePools ? "NodePool" : "NodeClass";
            var apiVersion = plural == NodePools ? "karpenter.sh/v1" : "eks.amazonaws.com/v1";
            Server.Put(new JsonObject
            {
                ["apiVersion"] = apiVersion,
                ["kind"] = kind,
                ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["team"] = "someone-else" } },
                ["spec"] = new JsonObject { ["limits"] = new JsonObject { ["cpu"] = "7" } },
            });
            // Read back: Auto Mode's Ready hook writes the object once more right after it is created.
            _foreignVersions[(plural, name)] = Server.Get(plural, name)!["metadata"]!["resourceVersion"]!.GetValue<string>();
        }
    }
}
