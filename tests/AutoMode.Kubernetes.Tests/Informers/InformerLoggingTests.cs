using System.Net;
using System.Net.Sockets;
using System.Text;
using AutoMode.Kubernetes.Informers;
using AutoMode.Kubernetes.Tests.Support;
using k8s;
using Microsoft.Extensions.Logging;

namespace AutoMode.Kubernetes.Tests.Informers;

/// <summary>
/// What an operator reads while the API server is away (issue 17, point 6): one line per failed attempt with the
/// cause and the delay before the next one; the stack trace only at Debug. A watch stream that the server closes is
/// a normal end, not a warning (issue 13, point 8).
/// </summary>
public sealed class InformerLoggingTests
{
    private static readonly InformerOptions Options = new() { ResyncPeriod = TimeSpan.Zero, MinBackoff = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task UnreachableServer_OneWarningLinePerAttempt_WithCauseAndRetryDelay_StackOnlyAtDebug()
    {
        var handler = new ScriptedHandler(_ => throw new HttpRequestException(
            "Connection refused (127.0.0.1:6443)", new SocketException((int)SocketError.ConnectionRefused)));
        var (time, logger, stop, run) = Start(handler);

        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        await StopAsync(stop, run);

        var warnings = logger.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        Assert.Equal(
            [
                "List of widgets.test.automode.io failed: HttpRequestException: Connection refused (127.0.0.1:6443) (caused by SocketException: Connection refused); retrying in 1s",
                "List of widgets.test.automode.io failed: HttpRequestException: Connection refused (127.0.0.1:6443) (caused by SocketException: Connection refused); retrying in 2s",
            ],
            warnings.Select(e => e.Message));
        Assert.All(warnings, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.All(warnings, e => Assert.Null(e.Exception));
        Assert.Equal(2, logger.Entries.Count(e => e.Level == LogLevel.Debug && e.Exception is HttpRequestException));
    }

    [Fact]
    public async Task ServerAnswersWithAnError_TheStatusAndTheServersMessage()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
        {
            Content = new StringContent("""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"etcdserver: leader changed","code":503}""", Encoding.UTF8, "application/json"),
        });
        var (time, logger, stop, run) = Start(handler);

        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        await StopAsync(stop, run);

        var warning = Assert.Single(logger.Entries, e => e.Level >= LogLevel.Information);
        Assert.Equal("List of widgets.test.automode.io failed: HTTP 503 ServiceUnavailable: etcdserver: leader changed; retrying in 1s", warning.Message);
        Assert.Null(warning.Exception);
    }

    [Fact]
    public async Task WatchStreamClosedByTheServer_NoWarning_OneDebugLine()
    {
        var handler = new ScriptedHandler(request => request.RequestUri!.Query.Contains("watch=true", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndsAbruptly("""{"type":"ADDED","object":{"apiVersion":"test.automode.io/v1","kind":"Widget","metadata":{"name":"a","resourceVersion":"6"}}}""" + "\n")) }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"apiVersion":"test.automode.io/v1","kind":"WidgetList","metadata":{"resourceVersion":"5"},"items":[]}""", Encoding.UTF8, "application/json") });
        var (time, logger, stop, run) = Start(handler);

        // After a stream that delivered events, the informer reconnects after the first backoff step.
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        await StopAsync(stop, run);

        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
        var ended = Assert.Single(logger.Entries, e => e.Message.StartsWith("Watch of widgets.test.automode.io ended", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Debug, ended.Level);
        Assert.Contains("after 1 event(s): IOException: the connection closed", ended.Message, StringComparison.Ordinal);
    }

    private static (TimerTrackingTimeProvider Time, CapturingLogger Logger, CancellationTokenSource Stop, Task Run) Start(DelegatingHandler handler)
    {
        var time = new TimerTrackingTimeProvider();
        var logger = new CapturingLogger();
        var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:6443" }, handler);
        var informer = new Informer<Widget>(client, Widget.Resource, logger, Options, timeProvider: time, random: new FixedRandom(0));
        var stop = new CancellationTokenSource();
        return (time, logger, stop, informer.RunAsync(stop.Token));
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task run)
    {
        await stop.CancelAsync();
        await run.WithTimeout();
        stop.Dispose();
    }

    /// <summary>
    /// Answers every request from a function, without the network. A DelegatingHandler that never calls on: the client
    /// puts its own transport under the innermost delegating handler it is given.
    /// </summary>
    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = answer(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }

    /// <summary>A response body that yields its text, then fails like a connection closed mid-stream.</summary>
    private sealed class EndsAbruptly(string text) : MemoryStream(Encoding.UTF8.GetBytes(text))
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position < Length ? base.Read(buffer, offset, count) : throw new IOException("the connection closed");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? base.ReadAsync(buffer, cancellationToken) : ValueTask.FromException<int>(new IOException("the connection closed"));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Position < Length ? base.ReadAsync(buffer, offset, count, cancellationToken) : Task.FromException<int>(new IOException("the connection closed"));
    }
}
