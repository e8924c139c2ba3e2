using System.Net;
using System.Text;

namespace AutoMode.Operator.Hosting;

/// <summary>
/// Serves the kubelet's probes, <c>/healthz</c> (liveness) and <c>/readyz</c> (caches synced), on their own port. A
/// managed <see cref="HttpListener"/> is enough for two one-line answers: the operator carries no web framework, which
/// keeps its start-up and resident memory down (make bench measures both) and its image on the plain .NET runtime.
/// </summary>
internal sealed partial class HealthServer(int port, Func<HealthAnswer> liveness, Func<HealthAnswer> readiness, ILogger<HealthServer> logger) : BackgroundService
{
    private readonly HttpListener _listener = new();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Started here, not in ExecuteAsync, so a port already in use fails the host's start instead of a background task.
        _listener.Prefixes.Add($"http://*:{port}/");
        _listener.Start();
        Listening(logger, port);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener.Stop();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _listener.Close();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(stoppingToken);
            }
            catch (Exception error) when (error is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                // Stopping: the listener was stopped, or the host cancelled the wait.
                return;
            }

            Answer(context);
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var answer = (context.Request.HttpMethod, context.Request.Url?.AbsolutePath) switch
            {
                ("GET" or "HEAD", "/healthz") => liveness(),
                ("GET" or "HEAD", "/readyz") => readiness(),
                ("GET" or "HEAD", _) => new HealthAnswer(HttpStatusCode.NotFound, "not found"),
                _ => new HealthAnswer(HttpStatusCode.MethodNotAllowed, "method not allowed"),
            };
            var body = Encoding.UTF8.GetBytes(answer.Text);
            response.StatusCode = (int)answer.Status;
            response.ContentType = "text/plain; charset=utf-8";
            response.ContentLength64 = body.Length;
            if (context.Request.HttpMethod != "HEAD")
            {
                response.OutputStream.Write(body);
            }
        }
        catch (Exception error) when (error is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The prober went away mid-answer; it will ask again.
            Failed(logger, error);
        }
        finally
        {
            response.Close();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving /healthz and /readyz on port {Port}")]
    private static partial void Listening(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A probe request could not be answered")]
    private static partial void Failed(ILogger logger, Exception error);
}
