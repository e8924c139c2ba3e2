namespace AutoMode.Operator.Hosting;

/// <summary>Runs the operator runtime for the life of the host; a crash or lost leadership stops the process so Kubernetes restarts it.</summary>
internal sealed partial class OperatorService(OperatorRuntime runtime, IHostApplicationLifetime lifetime, ILogger<OperatorService> logger) : BackgroundService
{
    public int ExitCode { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await runtime.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Graceful shutdown.
        }
        catch (Exception error)
        {
            ExitCode = 1;
            Crashed(logger, error);
            throw;
        }
        finally
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                // The runtime only returns on its own when leadership was lost: exit and let the Deployment restart us.
                ExitCode = ExitCode == 0 ? 1 : ExitCode;
                lifetime.StopApplication();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The operator runtime stopped with an error")]
    private static partial void Crashed(ILogger logger, Exception error);
}
