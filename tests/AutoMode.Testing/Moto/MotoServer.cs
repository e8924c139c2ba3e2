using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AutoMode.Testing.Moto;

/// <summary>
/// A <c>moto_server</c> (moto 5.2.1, the third-party AWS emulator: IAM and EKS here) started by the tests on 127.0.0.1
/// on a free port, and stopped (its whole process tree) on dispose. Unlike our own fake AWS endpoint, its rules were
/// not written by us: IAM's URL-encoded documents, NoSuchEntity codes and policy-syntax checks come from moto.
/// What moto does NOT implement stays on tests/AutoMode.Testing/Aws: EKS access entries (moto answers Werkzeug's bare
/// HTTP 404 page, no AWS error code) and DescribeCluster's computeConfig (moto 5.2.1 leaves it out).
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    public const string Executable = "moto_server";

    /// <summary>moto's default account (moto/core/models.py DEFAULT_ACCOUNT_ID).</summary>
    public const string AccountId = "123456789012";

    /// <summary>Bounds the start: python imports plus Werkzeug's bind take 1-3 s on these machines.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private const int MaxStartAttempts = 3;
    private const int KeptOutputLines = 40;

    private readonly Process process;
    private readonly Queue<string> output = new();
    private readonly Lock outputGate = new();

    private MotoServer(Process process, int port)
    {
        this.process = process;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The server's base URL, for AWS_ENDPOINT_URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>The full path of moto_server on PATH, or null.</summary>
    public static string? Locate() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, Executable))
            .FirstOrDefault(File.Exists);

    /// <summary>True under CI (<c>CI=true</c>): a missing moto_server then fails the tests instead of skipping them.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why moto tests are skipped here, or null when they run. Never a skip under CI: there the test runs and
    /// <see cref="StartAsync"/> fails with the reason, so CI cannot silently lose the moto tests.
    /// </summary>
    public static string? SkipReason => Locate() is null && !Required
        ? $"'{Executable}' is not on PATH: install it (pip install 'moto[server]==5.2.1'; .ci/run does) to run the AWS integration tests against moto"
        : null;

    public static async Task<MotoServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var path = Locate() ?? throw new InvalidOperationException(
            $"'{Executable}' is not on PATH{(Required ? " and CI=true requires the moto tests to run" : string.Empty)}: pip install 'moto[server]==5.2.1' (.ci/run installs it).");
        Exception? last = null;
        for (var attempt = 1; attempt <= MaxStartAttempts; attempt++)
        {
            // The port is free when asked; another process may take it before moto binds. Then moto exits and we retry.
            var port = FreePort();
            var server = Launch(path, port);
            try
            {
                await server.WaitUntilAnsweringAsync(cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (InvalidOperationException ex) when (attempt < MaxStartAttempts)
            {
                last = ex;
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        throw new InvalidOperationException($"moto_server did not start after {MaxStartAttempts} attempts", last);
    }

    /// <summary>Forgets every role, policy and cluster (moto's own reset API), so each test starts from an empty account.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(Endpoint, "moto-api/reset"), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
        }
        finally
        {
            process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static MotoServer Launch(string path, int port)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        // Loopback only, and nothing from the developer's own AWS setup leaks into the emulator.
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment.Remove("AWS_PROFILE");
        start.Environment["PYTHONUNBUFFERED"] = "1";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new MotoServer(process, port);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {path}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (outputGate)
        {
            output.Enqueue(line);
            while (output.Count > KeptOutputLines)
            {
                output.Dequeue();
            }
        }
    }

    private string RecentOutput()
    {
        lock (outputGate)
        {
            return string.Join(Environment.NewLine, output);
        }
    }

    /// <summary>Polls moto's own API until it answers, the process exits, or <see cref="StartTimeout"/> passes.</summary>
    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(StartTimeout);
        try
        {
            while (!await AnswersAsync(http, bounded.Token).ConfigureAwait(false))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"moto_server exited with code {process.ExitCode} before answering on {Endpoint}:{Environment.NewLine}{RecentOutput()}");
                }

                // A process start, not a schedule: nothing to observe but the port, so look every 100 ms.
                await Task.Delay(TimeSpan.FromMilliseconds(100), bounded.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"moto_server did not answer on {Endpoint} within {StartTimeout}:{Environment.NewLine}{RecentOutput()}");
        }
    }

    private async Task<bool> AnswersAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(Endpoint, "moto-api/"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // one probe timed out while python was still importing
        }
    }
}
