using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AutoMode.Benchmarks;

/// <summary>
/// Starts the operator executable (`run`, no leader election) against the target, times process start to /readyz
/// OK, waits until it has reconciled every class once (its /metrics), then reads its peak RSS from /proc.
/// </summary>
internal static class OperatorProcess
{
    public static async Task<ProcessMeasurement> MeasureAsync(string label, string fileName, IReadOnlyList<string> leadingArgs, IReadOnlyDictionary<string, string> environment, BenchTarget target, int classes, CancellationToken cancellationToken)
    {
        var healthPort = FreePort();
        var metricsPort = FreePort();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in leadingArgs.Concat(["run", "--kubeconfig", target.KubeconfigPath, "--leader-elect=false", "--pod-name", "automode-bench-process",
                     "--health-port", Port(healthPort), "--metrics-port", Port(metricsPort)]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("AUTOMODE_CLUSTER_NAME");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var output = new Queue<string>();
        var first = new List<string>();
        // BENCH_OPERATOR_LOG=<dir>: every line the operator process prints, one file per measured start, for diagnosis.
        var logDirectory = Environment.GetEnvironmentVariable("BENCH_OPERATOR_LOG");
        if (!string.IsNullOrEmpty(logDirectory))
        {
            Directory.CreateDirectory(logDirectory);
        }

        using var log = string.IsNullOrEmpty(logDirectory)
            ? null
            : new StreamWriter(Path.Combine(logDirectory, string.Concat(label.Split(Path.GetInvalidFileNameChars().Append(' ').Append(',').ToArray())) + ".log"));
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                log?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
                if (first.Count < 8)
                {
                    first.Add(line);
                    return;
                }

                output.Enqueue(line);
                if (output.Count > 8)
                {
                    output.Dequeue();
                }
            }
        }

        string Tail()
        {
            lock (output)
            {
                return string.Join(" | ", first.Concat(output.Count > 0 ? ["..."] : []).Concat(output));
            }
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // The bench process hosts the fake API server with a heap of hundreds of MB: collect it now, so that its own
        // garbage collection does not land inside the operator's start (a real API server runs elsewhere).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var sequence = target.ServerSequence;
        var clock = Stopwatch.StartNew();
        log?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} bench: starting {fileName} {string.Join(' ', start.ArgumentList)}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var ready = await PollAsync(
                async () => (await GetAsync(http, new Uri($"http://127.0.0.1:{healthPort}/readyz"), cancellationToken)).Status == HttpStatusCode.OK,
                process, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(10), cancellationToken);
            if (!ready)
            {
                return ProcessMeasurement.Failed(label, $"no /readyz OK within 60 s; exit code {(process.HasExited ? process.ExitCode : null)}; last output: {Tail()}");
            }

            var readyAfter = clock.Elapsed;
            var metrics = new Uri($"http://127.0.0.1:{metricsPort}/metrics");
            var scrape = "";
            var reconciled = await PollAsync(
                async () => Sum(scrape = (await GetAsync(http, metrics, cancellationToken)).Body, "automode_reconcile_total{", "controller=\"workloadclass\"") >= classes,
                process, TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(200), cancellationToken);
            var status = await File.ReadAllLinesAsync($"/proc/{process.Id}/status", cancellationToken);
            if (log is not null)
            {
                await log.WriteLineAsync(string.Join('\n', status) + "\n" + await File.ReadAllTextAsync($"/proc/{process.Id}/smaps", cancellationToken) + "\n" + scrape);
            }

            var heap = Sum(scrape, "dotnet_gc_last_collection_heap_size", "");
            return new ProcessMeasurement(
                label,
                readyAfter,
                Kilobytes(status, "VmHWM:"),
                Kilobytes(status, "VmRSS:"),
                heap > 0 ? (long)heap : null,
                reconciled ? target.ServerWritesAfter(sequence) : null,
                reconciled ? null : $"did not report {classes} reconciles on /metrics within 120 s; last output: {Tail()}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync(cancellationToken);
        }
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> condition, Process process, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !process.HasExited)
        {
            if (await condition())
            {
                return true;
            }

            // Another process's state: a bounded loop of short polls is the only way to see it.
            await Task.Delay(interval, cancellationToken);
        }

        return false;
    }

    private static async Task<(HttpStatusCode? Status, string Body)> GetAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException)
        {
            return (null, "");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "");
        }
    }

    /// <summary>Sums the samples of every Prometheus series whose line starts with <paramref name="prefix"/> and contains <paramref name="label"/>.</summary>
    private static double Sum(string metrics, string prefix, string label) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal))
            .Sum(l => double.TryParse((l.Contains('}', StringComparison.Ordinal) ? l[(l.LastIndexOf('}') + 1)..] : l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]).Trim().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0);

    private static long? Kilobytes(IEnumerable<string> status, string field) =>
        status.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line &&
        long.TryParse(line[field.Length..].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : null;

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static long? SelfKilobytes(string field) => Kilobytes(File.ReadAllLines("/proc/self/status"), field);
}
