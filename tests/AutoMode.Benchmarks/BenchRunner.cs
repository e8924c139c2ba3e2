using System.Diagnostics;
using System.Globalization;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Core.Desired;
using AutoMode.Core.Status;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Operator.Controllers;
using AutoMode.Testing.Builders;

namespace AutoMode.Benchmarks;

/// <summary>
/// The benchmark, in phases on one server: warm-up, the floor client, operator convergence, NodeClaims, steady-state
/// resyncs, edits, memory, then the operator executables (JIT and, when published, NativeAOT).
/// </summary>
internal static class BenchRunner
{
    private const string RunLabel = "automode.io/bench-run";
    public const int WarmUpClasses = 20;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(2);

    public static async Task<string> RunAsync(BenchOptions options, IReadOnlyList<string> args, TextWriter log, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var rows = new List<ReportRow>();
        var notes = new List<string>();
        await using var target = await BenchTarget.StartAsync(options.Kubeconfig, cancellationToken);
        void Say(string message) => log.WriteLine($"[{total.Elapsed.TotalSeconds,6:F1}s] {message}");
        await CheckCrdsAsync(target, cancellationToken);
        await using var standIn = target.Server is null && options.StandIn != StandInMode.Never
            ? await AutoModeStandIn.StartAsync(target.Client, options.StandIn, TimeProvider.System, Say, cancellationToken)
            : null;
        using var reconciles = new ReconcileCounter();
        var n = options.Classes;
        var parallel = options.Workers;
        Say($"bench {runId}: {n} classes, {options.NodeClaims} NodeClaims, {options.Edits} edits, {options.Resyncs} resyncs, {parallel} workers, against {target.Description}");

        var classes = Enumerable.Range(0, n).Select(i => NewClass($"bench-{runId}-{i:D4}", runId)).ToList();
        var names = classes.Select(c => c.Metadata.Name).ToList();
        await using var classTracker = await ObjectTracker<V1Alpha1WorkloadClass>.StartAsync(target.Client, Kinds.WorkloadClass, $"{RunLabel}={runId}", cancellationToken);
        var floorNames = new List<string>();
        OperatorUnderTest? op = null;
        try
        {
            // Warm-up: JIT and connection pools of the server, the floor client and the operator, so neither side of the
            // ratio pays for first calls.
            Say("warm-up");
            var warm = Enumerable.Range(0, Math.Min(WarmUpClasses, n)).Select(i => NewClass($"warm-{runId}-{i:D2}", runId)).ToList();
            await FloorAsync(target, floorNames, warm.Select(c => Rendered($"warmfloor-{runId}-{c.Metadata.Name[^2..]}")).ToList(), parallel, cancellationToken);
            await target.CreateClassesAsync(warm, parallel, cancellationToken);
            await using (var warmOperator = new OperatorUnderTest(target, options.Workers))
            {
                await classTracker.WaitForAllAsync(warm.Select(c => c.Metadata.Name), IsReady, options.ReadyTimeout, cancellationToken);
            }

            await target.DeleteAsync(Kinds.WorkloadClass, [.. warm.Select(c => c.Metadata.Name)], parallel, cancellationToken);
            await target.DeleteAsync(Kinds.NodePool, [.. warm.Select(c => c.Metadata.Name)], parallel, cancellationToken);
            await target.DeleteAsync(Kinds.NodeClass, [.. warm.Select(c => c.Metadata.Name)], parallel, cancellationToken);

            // The floor: the same rendered objects under other names, applied by a plain client.
            Say($"floor: {2 * n} server-side applies, {parallel} in parallel");
            var floorObjects = classes.Select(c => Rendered("floor-" + c.Metadata.Name["bench-".Length..])).ToList();
            var floor = await FloorAsync(target, floorNames, floorObjects, parallel, cancellationToken);
            Say($"floor: {floor.TotalSeconds:F2} s");

            // Convergence: the classes exist, the operator starts (cold caches), until every class is Ready for its generation.
            await target.CreateClassesAsync(classes, parallel, cancellationToken);
            Say("operator: converging");
            var clock = Stopwatch.StartNew();
            op = new OperatorUnderTest(target, options.Workers);
            await classTracker.WaitForAllAsync(names, IsReady, options.ReadyTimeout, cancellationToken);
            var converged = clock.Elapsed;
            await op.WaitIdleAsync(reconciles, Quiet, IdleTimeout);
            var creation = op.Requests.Snapshot();
            Say($"operator: {converged.TotalSeconds:F2} s to Ready ({converged / floor:F2}x the floor)");
            var ratio = converged / floor;
            rows.Add(new ReportRow($"Convergence: {n} classes Ready (operator, cold start)", Seconds(converged), "within 1.3x of the floor", ratio <= 1.3));
            rows.Add(new ReportRow($"Floor: plain client applies {n} NodeClasses + {n} NodePools, {parallel} in parallel", Seconds(floor)));
            rows.Add(new ReportRow("Ratio operator / floor", ratio.ToString("F2", CultureInfo.InvariantCulture) + "x", "<= 1.3x", ratio <= 1.3));
            AddCreationRows(rows, creation, n);
            rows.Add(new ReportRow(
                "Requests operator / floor during convergence (the fake server is CPU-bound, so time follows requests)",
                (creation.Values.Sum() / (2.0 * n)).ToString("F2", CultureInfo.InvariantCulture) + "x"));

            // NodeClaims: the operator counts them into status.nodes; wait until every class shows its share.
            var perPool = new int[n];
            if (target.Server is not null && options.NodeClaims > 0)
            {
                Say($"creating {options.NodeClaims} NodeClaims");
                target.CreateNodeClaims(names, options.NodeClaims, runId);
                for (var i = 0; i < options.NodeClaims; i++)
                {
                    perPool[i % n]++;
                }

                var expected = names.Select((name, i) => (name, perPool[i])).ToDictionary(p => p.name, p => p.Item2);
                await classTracker.WaitForAllAsync(names, c => c.Status?.Nodes == expected[c.Metadata.Name], IdleTimeout, cancellationToken);
            }
            else if (options.NodeClaims > 0)
            {
                notes.Add("NodeClaims were not created: against a real cluster a NodeClaim launches an EC2 instance.");
            }

            await op.WaitIdleAsync(reconciles, Quiet, IdleTimeout);

            // Steady state: full resyncs of every class; nothing changed, so nothing may be written.
            Say($"steady state: {options.Resyncs} full resyncs");
            var before = op.Requests.Snapshot();
            var writerBefore = op.Runtime.Writer.Writes;
            for (var r = 0; r < options.Resyncs; r++)
            {
                var startCount = reconciles.Count;
                var keys = op.Runtime.ResyncAll();
                await WaitForAsync(() => reconciles.Count >= startCount + keys, IdleTimeout, cancellationToken);
                await op.WaitIdleAsync(reconciles, TimeSpan.FromMilliseconds(100), IdleTimeout);
            }

            var steady = RequestCounter.Delta(op.Requests.Snapshot(), before);
            var steadyWrites = steady.Where(p => p.Key.IsWrite).Sum(p => p.Value);
            var writerWrites = op.Runtime.Writer.Writes - writerBefore;
            rows.Add(new ReportRow(
                $"Writes during steady state ({options.Resyncs} full resyncs of {n} classes; HTTP / operator's writer)",
                $"{steadyWrites} / {writerWrites}", "0", steadyWrites == 0 && writerWrites == 0));
            rows.Add(new ReportRow("API requests per full resync", options.Resyncs == 0 ? "n/a" : (steady.Values.Sum() / (double)options.Resyncs).ToString("F1", CultureInfo.InvariantCulture) + Breakdown(steady, options.Resyncs)));

            // Edits: one class at a time, from sending the edit to the NodePool on the server carrying it.
            Say($"edits: {options.Edits}");
            await using (var pools = await ObjectTracker<V1NodePool>.StartAsync(target.Client, Kinds.NodePool, WorkloadClassApi.WorkloadClassLabel, cancellationToken))
            {
                var latencies = new List<double>();
                for (var e = 0; e < options.Edits; e++)
                {
                    var name = names[(e * 37) % n];
                    var cpu = 1000 + e;
                    var cpuText = cpu.ToString(CultureInfo.InvariantCulture);
                    var edit = Stopwatch.StartNew();
                    await target.EditCpuLimitAsync(name, cpu, cancellationToken);
                    await pools.WaitForAllAsync([name], p => p.Spec.Limits?.TryGetValue("cpu", out var v) == true && v == cpuText, TimeSpan.FromSeconds(30), cancellationToken);
                    latencies.Add(edit.Elapsed.TotalMilliseconds);
                    await classTracker.WaitForAllAsync([name], c => c.Spec.Limits?["cpu"] == cpuText && IsReady(c), TimeSpan.FromSeconds(30), cancellationToken);
                }

                if (latencies.Count > 0)
                {
                    latencies.Sort();
                    var p99 = Percentile(latencies, 0.99);
                    rows.Add(new ReportRow($"Edit to NodePool updated, p50 ({latencies.Count} edits)", Millis(Percentile(latencies, 0.50))));
                    rows.Add(new ReportRow($"Edit to NodePool updated, p99 ({latencies.Count} edits)", Millis(p99), "< 100 ms", p99 < 100));
                }
            }

            // Memory: this process also holds the fake API server and its history; the operator's own figures come from
            // the executable below. This row only shows what the whole bench process used.
            await op.WaitIdleAsync(reconciles, Quiet, IdleTimeout);
            await op.DisposeAsync();
            op = null;
            var heap = FullGcHeap();
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            rows.Add(new ReportRow(
                "Bench process at the end (fake API server with its watch history + bench clients; not the operator): managed heap after full GC / committed / peak RSS",
                $"{Mb(heap)} / {Mb(info.TotalCommittedBytes)} / {Kb(OperatorProcess.SelfKilobytes("VmHWM:"))}"));

            if (options.Processes)
            {
                await MeasureProcessesAsync(options, target, n, rows, notes, Say, cancellationToken);
            }
        }
        finally
        {
            if (op is not null)
            {
                await op.DisposeAsync();
            }

            if (target.Server is null)
            {
                Say("cleaning up the cluster");
                using var cleanup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                await target.DeleteAsync(Kinds.WorkloadClass, [.. classTracker.Store.List().Select(c => c.Metadata.Name)], parallel, cleanup.Token);
                await target.DeleteAsync(Kinds.NodePool, floorNames, parallel, cleanup.Token);
                await target.DeleteAsync(Kinds.NodeClass, floorNames, parallel, cleanup.Token);
            }
        }

        Say($"done in {total.Elapsed.TotalSeconds:F0} s");
        if (standIn is { Acted: > 0 })
        {
            notes.Add($"No EKS Auto Mode controller answered on this cluster: the bench's stand-in (tests/AutoMode.Benchmarks/AutoModeStandIn.cs) set Ready " +
                $"on {standIn.Acted} NodeClasses/NodePools through /status, as Auto Mode does once it accepts them. Convergence includes the stand-in's " +
                "reaction (one status patch per child), not Auto Mode's own.");
        }

        return BenchReport.Render(options, args, target.Description, rows, notes, total.Elapsed);
    }

    private const string ImageBuild = "ReadyToRun as in the image";

    private static async Task MeasureProcessesAsync(BenchOptions options, BenchTarget target, int n, List<ReportRow> rows, List<string> notes, Action<string> say, CancellationToken cancellationToken)
    {
        var dll = RepositoryPaths.Resolve(options.OperatorDll ?? "src/AutoMode.Operator/bin/Release/net10.0/automode-operator.dll");
        var imageDll = RepositoryPaths.Resolve(options.ImageDll ?? "artifacts/publish/automode-operator.dll");
        var none = new Dictionary<string, string>();
        var image = ImageEnvironment.Read(RepositoryPaths.Resolve("Dockerfile"));
        var candidates = new List<(string Label, string File, string[] Args, Dictionary<string, string> Env)>();
        // As the image runs it (ReadyToRun build, its Dockerfile ENV); then the plain JIT build with and without those
        // settings, so the effect of each shows.
        if (File.Exists(imageDll))
        {
            candidates.Add(($"{ImageBuild}, image settings ({ImageEnvironment.Describe(image)})", "dotnet", [imageDll], new Dictionary<string, string>(image)));
        }
        else
        {
            notes.Add($"No ReadyToRun build at {imageDll}: `make bench` publishes it first (`make publish`).");
        }

        if (File.Exists(dll))
        {
            candidates.Add(($"JIT, image settings ({ImageEnvironment.Describe(image)})", "dotnet", [dll], new Dictionary<string, string>(image)));
            candidates.Add(("JIT, runtime defaults", "dotnet", [dll], none));
        }
        else
        {
            notes.Add($"The operator executable was not found at {Path.GetRelativePath(RepositoryPaths.Root, dll)}; build it with `dotnet build src/AutoMode.Operator -c Release`.");
        }

        var aot = RepositoryPaths.Resolve(options.AotBinary ?? "artifacts/publish-aot/automode-operator");
        if (File.Exists(aot))
        {
            candidates.Add(("NativeAOT", aot, [], none));
        }
        else
        {
            // Repository-relative: the notes are committed (docs/benchmarks.md) and must not carry this machine's paths.
            notes.Add($"No NativeAOT binary at {Path.GetRelativePath(RepositoryPaths.Root, aot)}: see \"NativeAOT\" below.");
        }

        using (var lister = new k8s.Kubernetes(target.Configuration()))
        {
            // The best of three after a warm-up: the bench process's own large heap makes single runs vary.
            await ListFloorClient.ListAllAsync(lister, cancellationToken);
            var listFloor = TimeSpan.MaxValue;
            for (var run = 0; run < 3; run++)
            {
                var elapsed = await ListFloorClient.ListAllAsync(lister, cancellationToken);
                listFloor = elapsed < listFloor ? elapsed : listFloor;
            }

            rows.Add(new ReportRow($"Listing floor: plain client fetches what the caches list ({n} classes, NodeClasses, NodePools, {options.NodeClaims} NodeClaims; 4 lists in parallel, pages of 500, no decoding; best of 3)", Seconds(listFloor)));
        }

        var of = options.Starts == 1 ? "one start" : $"median of {options.Starts} starts";
        foreach (var (label, file, leading, env) in candidates)
        {
            say($"process: {label} ({options.Starts} starts)");
            var series = await StartSeries.MeasureAsync(options.Starts, () => OperatorProcess.MeasureAsync(label, file, leading, env, target, n, cancellationToken));
            if (series.Error is { } error)
            {
                rows.Add(new ReportRow($"{label}: startup / RSS", "failed", "", false));
                notes.Add($"{label}: {error}");
                continue;
            }

            var ready = series.MedianReady;
            rows.Add(new ReportRow($"{label}: process start to /readyz OK ({n} classes, {options.NodeClaims} NodeClaims listed; {of})", SecondsWithRange(series), "< 1.5 s", ready < TimeSpan.FromSeconds(1.5)));
            var peakMb = series.MedianPeakRssKb / 1024.0;
            rows.Add(new ReportRow(
                $"{label}: peak RSS after reconciling all {n} classes ({options.NodeClaims} NodeClaims cached; {of})",
                Kb(series.MedianPeakRssKb) + $" (highest {Kb(series.HighestPeakRssKb)}; current {Kb(series.MedianRssKb)})", "< 150 MB", peakMb < 150));
            rows.Add(new ReportRow($"{label}: managed heap after the last GC (its /metrics)", series.MedianManagedHeapBytes is { } h ? Mb(h) : "n/a"));
            if (series.MostWrites is { } writes)
            {
                rows.Add(new ReportRow($"{label}: writes after a restart on converged state (most of any start)", writes.ToString(CultureInfo.InvariantCulture), "0", writes == 0));
            }
        }

        // The same starts against an empty server separate process start-up from listing the data.
        var emptyStarts = new[] { (Label: ImageBuild, File: imageDll), (Label: "JIT", File: dll) }.Where(c => File.Exists(c.File)).ToList();
        if (target.Server is not null && emptyStarts.Count > 0)
        {
            await using var empty = await BenchTarget.StartAsync(null, cancellationToken);
            foreach (var (label, file) in emptyStarts)
            {
                say($"process: {label}, empty server ({options.Starts} starts)");
                var series = await StartSeries.MeasureAsync(options.Starts, () => OperatorProcess.MeasureAsync($"{label}, empty server", "dotnet", [file], new Dictionary<string, string>(image), empty, 0, cancellationToken));
                var row = $"{label}, image settings: process start to /readyz OK against an empty server ({of})";
                rows.Add(series.Error is null
                    ? new ReportRow(row, SecondsWithRange(series), "< 1.5 s", series.MedianReady < TimeSpan.FromSeconds(1.5))
                    : new ReportRow(row, "failed: " + series.Error, "< 1.5 s", false));
            }
        }
    }

    private static string SecondsWithRange(StartSeries series) => series.Starts.Count == 1
        ? Seconds(series.MedianReady)
        : $"{Seconds(series.MedianReady)} ({series.FastestReady.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} to {Seconds(series.SlowestReady)})";

    private static void AddCreationRows(List<ReportRow> rows, IReadOnlyDictionary<RequestKind, long> creation, int n)
    {
        string PerClass(long count) => (count / (double)n).ToString("F2", CultureInfo.InvariantCulture);
        var objectWrites = creation.Where(p => p.Key.IsWrite && p.Key.Resource is not "events").ToList();
        var perClass = objectWrites.Sum(p => p.Value) / (double)n;
        rows.Add(new ReportRow(
            "Object writes per class on creation (" + string.Join(", ", objectWrites.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => $"{p.Key} {PerClass(p.Value)}")) + ")",
            perClass.ToString("F2", CultureInfo.InvariantCulture), "<= 3", perClass <= 3));
        var events = creation.Where(p => p.Key.Resource == "events").Sum(p => p.Value);
        rows.Add(new ReportRow("Event writes per class on creation (Created NodeClass, Created NodePool; not object writes; the recorder drops events when its queue is full)", PerClass(events)));
        foreach (var (kind, count) in creation.OrderByDescending(p => p.Value).ThenBy(p => p.Key.ToString(), StringComparer.Ordinal))
        {
            rows.Add(new ReportRow($"Requests per class during convergence: {kind}", $"{PerClass(count)} ({count} in all)"));
        }

        rows.Add(new ReportRow("Requests per class during convergence: total", $"{PerClass(creation.Values.Sum())} ({creation.Values.Sum()} in all)"));
    }

    /// <summary>
    /// Runs the floor client. Its objects stay until the end: the operator's caches never see them (other managed-by
    /// value), and deleting thousands of objects on the fake server is slow (garbage collection scans every object).
    /// </summary>
    private static async Task<TimeSpan> FloorAsync(BenchTarget target, List<string> floorNames, IReadOnlyList<DesiredState> objects, int parallel, CancellationToken cancellationToken)
    {
        using var client = new k8s.Kubernetes(target.Configuration());
        floorNames.AddRange(objects.Select(o => o.NodePool.Metadata.Name));
        return await FloorClient.ApplyAllAsync(client, objects, parallel, cancellationToken);
    }

    /// <summary>Fails fast, naming them, when the server lacks a CRD the bench needs (it used to wait forever).</summary>
    private static async Task CheckCrdsAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> missing;
        try
        {
            missing = await CrdPreflight.MissingAsync(target.Client, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new BenchAbortedException($"{target.Description}: {ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new BenchAbortedException($"{target.Description} is not reachable: {ex.Message}", ex);
        }

        if (missing.Count > 0)
        {
            throw new BenchAbortedException(CrdPreflight.Describe(missing, target.Description));
        }
    }

    private static V1Alpha1WorkloadClass NewClass(string name, string runId)
    {
        var workloadClass = WorkloadClasses.Valid(name);
        workloadClass.Metadata.Labels = new Dictionary<string, string> { [RunLabel] = runId };
        return workloadClass;
    }

    /// <summary>What the operator applies for a bench class, under another name and relabelled so the operator never sees it.</summary>
    private static DesiredState Rendered(string name)
    {
        var copy = WorkloadClasses.Valid(name);
        copy.Metadata.Uid = Guid.NewGuid().ToString();
        var desired = DesiredStateRenderer.Render(copy, RenderContext.Default);
        foreach (var metadata in new[] { desired.NodeClass.Metadata, desired.NodePool.Metadata })
        {
            metadata.Labels![WorkloadClassApi.ManagedByLabel] = "automode-bench-floor";
            metadata.Labels.Remove(WorkloadClassApi.WorkloadClassLabel);
        }

        return desired;
    }

    private static bool IsReady(V1Alpha1WorkloadClass c) =>
        c.Status is { } status &&
        status.ObservedGeneration == c.Metadata.Generation &&
        status.Conditions?.Any(x => x.Type == ConditionTypes.Ready && x.Status == "True") == true;

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (!condition())
        {
            // In-process counters: nothing to await on but time.
            await Task.Delay(5, deadline.Token);
        }
    }

    private static long FullGcHeap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Breakdown(IReadOnlyDictionary<RequestKind, long> requests, int resyncs) =>
        requests.Count == 0 ? "" : " (" + string.Join(", ", requests.Select(p => $"{p.Key} {(p.Value / (double)resyncs).ToString("F1", CultureInfo.InvariantCulture)}")) + ")";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";

    private static string Millis(double ms) => ms.ToString("F1", CultureInfo.InvariantCulture) + " ms";

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    private static string Kb(long? kb) => kb is { } k ? (k / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MB" : "n/a";
}
